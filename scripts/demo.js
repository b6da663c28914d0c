#!/usr/bin/env node
// `npm run demo`: one command for a working demo store with this plugin and the admin.
// PostgreSQL: DATABASE_URL, else localhost:5432, else embedded (data in .demo-data/, reused next time).
// Then: migrations, a generated order history imported through the plugin's importer, a publishable
// key, an admin user, and `medusa develop` at http://localhost:9000/app. Ctrl-C stops everything.
const fs = require("fs")
const path = require("path")
const { Client } = require("pg")
const { prepareDemoDatabase } = require("./with-db")
const { medusa, medusaRun } = require("./lib/medusa")
const { ROOT } = require("./lib/postgres")

const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL || "admin@example.com"
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD || "supersecret"
const DATA_DIR = path.join(ROOT, ".demo-data")
const DATASET = path.join(DATA_DIR, "demo-orders.csv.gz")
const PORT = process.env.PORT || "9000"

function step(msg) {
  process.stdout.write(`\n> ${msg}\n`)
}

async function scalar(databaseUrl, sql, params = []) {
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query(sql, params)
    return rows[0] ? Object.values(rows[0])[0] : undefined
  } finally {
    await client.end()
  }
}

function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = require("child_process").spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" })
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))))
  })
}

async function main() {
  const started = Date.now()
  step("Database")
  const { server, databaseUrl } = await prepareDemoDatabase()
  const env = { DATABASE_URL: databaseUrl }
  let stopping = false
  const stop = async (code) => {
    if (stopping) return
    stopping = true
    await server.stop().catch(() => {})
    process.exit(code)
  }
  process.on("SIGINT", () => stop(130))
  process.on("SIGTERM", () => stop(143))

  const orders = Number(await scalar(databaseUrl, `select count(*) from "order"`))
  if (!orders) {
    if (!fs.existsSync(DATASET)) {
      step("Generating the demo order history (deterministic)")
      await runNode([path.join(ROOT, "scripts", "generate-dataset.js"), "--out", DATASET])
    }
    step("Importing the demo order history")
    await medusaRun(["exec", "./scripts/exec/import-orders.ts", DATASET], { env })
  } else {
    step(`Order history already imported (${orders} orders)`)
  }

  step("Publishable key and sales channel")
  await medusaRun(["exec", "./scripts/exec/seed-demo.ts"], { env })
  const demo = JSON.parse(fs.readFileSync(path.join(DATA_DIR, "demo.json"), "utf8"))

  const hasAdmin = await scalar(databaseUrl, `select count(*) from "user" where email = $1 and deleted_at is null`, [
    ADMIN_EMAIL,
  ])
  if (!Number(hasAdmin)) {
    step("Admin user")
    await medusaRun(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], { env })
  }

  step("Starting the server")
  const child = medusa(["develop"], { env: { ...env, PORT }, detached: true })
  const killTree = (sig) => {
    try {
      process.kill(-child.pid, sig)
    } catch {
      // not up yet, or already gone
    }
  }
  process.removeAllListeners("SIGINT")
  process.removeAllListeners("SIGTERM")
  const shutdown = (code) => {
    if (stopping) return
    stopping = true
    process.stdout.write("\nStopping the server and PostgreSQL...\n")
    killTree("SIGTERM")
    const force = setTimeout(() => killTree("SIGKILL"), 8000)
    child.once("close", async () => {
      clearTimeout(force)
      await server.stop().catch(() => {})
      process.exit(code)
    })
  }
  process.on("SIGINT", () => shutdown(0))
  process.on("SIGTERM", () => shutdown(0))
  child.on("close", async (code) => {
    if (stopping) return
    stopping = true
    await server.stop().catch(() => {})
    process.exit(code ?? 1)
  })

  // Print the banner once the server answers.
  const base = `http://localhost:${PORT}`
  for (let i = 0; i < 600 && !stopping; i++) {
    try {
      const res = await fetch(`${base}/health`)
      if (res.ok) break
    } catch {
      // not up yet, or already gone
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  process.stdout.write(
    [
      "",
      "==============================================================",
      ` Demo store ready in ${seconds}s`,
      ` Admin:            ${base}/app`,
      ` Admin login:      ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}`,
      ` Store API:        ${base}/store/products`,
      ` Publishable key:  ${demo.publishable_key}`,
      ` Database:         ${databaseUrl.replace(/:[^:@/]*@/, ":***@")}${server.embedded ? " (embedded)" : ""}`,
      " Ctrl-C stops the server and PostgreSQL.",
      "==============================================================",
      "",
    ].join("\n")
  )
}

main().catch((e) => {
  console.error(e.message || e)
  process.exit(1)
})
