// Runs the medusa CLI of this project against a resolved database.
const { spawn } = require("child_process")
const path = require("path")
const { ROOT } = require("./postgres")

const MEDUSA_BIN = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")

function medusa(args, { env, stdio = "inherit", detached = false } = {}) {
  return spawn(process.execPath, [MEDUSA_BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio,
    detached,
  })
}

function medusaRun(args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = medusa(args, opts)
    child.on("error", reject)
    child.on("close", (code) => {
      if (code === 0) resolve()
      else reject(new Error(`medusa ${args.join(" ")} exited with code ${code}`))
    })
  })
}

module.exports = { medusa, medusaRun, MEDUSA_BIN }
