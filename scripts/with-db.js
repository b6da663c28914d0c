#!/usr/bin/env node
// Runs a command against the demo store's database: DATABASE_URL when set, otherwise the
// PostgreSQL on localhost:5432, otherwise embedded PostgreSQL (data in .demo-data/).
// The database is created and migrated first. Usage: node scripts/with-db.js medusa exec ./scripts/exec/x.ts [args]
const { spawn } = require("child_process")
const fs = require("fs")
const path = require("path")
const { resolvePostgres, ensureDatabase, ROOT } = require("./lib/postgres")
const { medusaRun, MEDUSA_BIN } = require("./lib/medusa")
const { hashSources } = require("./lib/source-hash")

const DEMO_DB = process.env.DEMO_DB_NAME || "medusa_personalization_demo"

const MIGRATED_FILE = path.join(ROOT, ".demo-data", "migrated.json")

/** What decides the schema: the plugin's migrations and links, Medusa's versions (the lock file). */
function schemaHash() {
  const modules = path.join(ROOT, "src", "modules")
  const dirs = fs.existsSync(modules) ? fs.readdirSync(modules).map((m) => path.join(modules, m, "migrations")) : []
  return hashSources([...dirs, path.join(ROOT, "src", "links"), path.join(ROOT, "package-lock.json")])
}

function readMigrated() {
  try {
    return JSON.parse(fs.readFileSync(MIGRATED_FILE, "utf8"))
  } catch {
    return {}
  }
}

/**
 * Resolves and creates the demo database and migrates it. `migrate: "auto"` skips `db:migrate`
 * (about 10 s) when this database was migrated with the same migrations and lock file before.
 * Returns { server, databaseUrl, migrated }.
 */
async function prepareDemoDatabase({ migrate = true } = {}) {
  const server = await resolvePostgres({ name: "demo-postgres" })
  const db = server.database || DEMO_DB
  const createdNow = await ensureDatabase(server, db)
  const databaseUrl = process.env.DATABASE_URL || server.url(db)
  const key = databaseUrl.replace(/:[^:@/]*@/, "@")
  const hash = migrate ? schemaHash() : null
  const upToDate = migrate === "auto" && !createdNow && readMigrated()[key] === hash
  if (migrate && !upToDate) {
    await medusaRun(["db:migrate"], { env: { DATABASE_URL: databaseUrl } })
    fs.mkdirSync(path.dirname(MIGRATED_FILE), { recursive: true })
    fs.writeFileSync(MIGRATED_FILE, JSON.stringify({ ...readMigrated(), [key]: hash }, null, 2))
  }
  return { server, databaseUrl, migrated: migrate && !upToDate }
}

async function main() {
  let argv = process.argv.slice(2)
  const migrate = !argv.includes("--no-migrate")
  argv = argv.filter((a) => a !== "--no-migrate")
  if (!argv.length) {
    console.error("usage: node scripts/with-db.js [--no-migrate] <command> [args...]")
    process.exit(2)
  }
  const { server, databaseUrl } = await prepareDemoDatabase({ migrate })
  const [cmd, ...rest] = argv
  const child =
    cmd === "medusa"
      ? spawn(process.execPath, [MEDUSA_BIN, ...rest], {
          cwd: ROOT,
          stdio: "inherit",
          env: { ...process.env, DATABASE_URL: databaseUrl },
        })
      : spawn(cmd, rest, { cwd: ROOT, stdio: "inherit", env: { ...process.env, DATABASE_URL: databaseUrl } })
  const forward = (sig) => child.kill(sig)
  process.on("SIGINT", forward)
  process.on("SIGTERM", forward)
  child.on("close", async (code) => {
    await server.stop()
    process.exit(code ?? 1)
  })
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message || e)
    process.exit(1)
  })
}

module.exports = { prepareDemoDatabase, DEMO_DB }
