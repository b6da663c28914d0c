// The demo's built admin: Medusa's admin bundler (what `medusa build` runs for the admin) writes
// the dashboard with this plugin's extensions into public/admin, where `medusa start` serves it
// (only `medusa develop` uses Vite's dev server). Built once, then reused until src/admin,
// medusa-config.ts, package-lock.json or the backend URL change (hash in .demo-data/).
// Run as a script (`node scripts/lib/admin-build.js <backendUrl>`) so the build runs in its own
// process, beside the database steps.
const fs = require("fs")
const path = require("path")
const { ROOT } = require("./postgres")
const { hashSources } = require("./source-hash")

const OUT_DIR = path.join(ROOT, "public", "admin")
const HASH_FILE = path.join(ROOT, ".demo-data", "admin-build.hash")
const SOURCES = [
  path.join(ROOT, "src", "admin"),
  path.join(ROOT, "medusa-config.ts"),
  path.join(ROOT, "package-lock.json"),
]

function sourceHash(backendUrl) {
  return hashSources(SOURCES, { extra: [`backend=${backendUrl}`] })
}

/** Whether public/admin holds a build of the current sources. */
function adminBuildIsCurrent(backendUrl) {
  return (
    fs.existsSync(path.join(OUT_DIR, "index.html")) &&
    fs.existsSync(HASH_FILE) &&
    fs.readFileSync(HASH_FILE, "utf8").trim() === sourceHash(backendUrl)
  )
}

async function buildAdmin(backendUrl) {
  const hash = sourceHash(backendUrl)
  const tmp = `${OUT_DIR}.tmp`
  fs.rmSync(tmp, { recursive: true, force: true })
  const { build } = await import("@medusajs/admin-bundler")
  await build({
    disable: false,
    sources: [path.join(ROOT, "src", "admin")],
    plugins: [],
    path: "/app",
    backendUrl,
    outDir: tmp,
  })
  fs.rmSync(OUT_DIR, { recursive: true, force: true })
  fs.renameSync(tmp, OUT_DIR)
  fs.mkdirSync(path.dirname(HASH_FILE), { recursive: true })
  fs.writeFileSync(HASH_FILE, hash)
}

if (require.main === module) {
  buildAdmin(process.argv[2] || "http://localhost:9000").then(
    () => process.exit(0),
    (e) => {
      console.error(e && e.stack ? e.stack : e)
      process.exit(1)
    }
  )
}

module.exports = { adminBuildIsCurrent, buildAdmin, OUT_DIR }
