// One cache key for "these sources changed": the demo's migrations, admin build and seed, and the
// example storefront's build are each skipped while the hash of their sources stays the same.
const crypto = require("crypto")
const fs = require("fs")
const path = require("path")
const { ROOT } = require("./postgres")

/** Files under each path (a file, or a folder walked in name order); missing paths and `skip` folders are left out. */
function listFiles(p, skip = []) {
  if (!fs.existsSync(p)) return []
  if (fs.statSync(p).isFile()) return [p]
  return fs
    .readdirSync(p, { withFileTypes: true })
    .filter((e) => !(e.isDirectory() && skip.includes(e.name)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => listFiles(path.join(p, e.name), skip))
}

/**
 * sha256 (hex) over `extra` strings, then each file's path relative to the repository and its
 * contents, for every file under `paths`.
 */
function hashSources(paths, { skip = [], extra = [] } = {}) {
  const h = crypto.createHash("sha256")
  for (const s of extra) h.update(`${s}\n`)
  for (const file of paths.flatMap((p) => listFiles(p, skip))) {
    h.update(`${path.relative(ROOT, file)}\n`).update(fs.readFileSync(file))
  }
  return h.digest("hex")
}

module.exports = { hashSources, listFiles }
