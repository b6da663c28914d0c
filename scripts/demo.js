#!/usr/bin/env node
// `npm run demo`: one command for a working demo store with this plugin, its admin and its story.
// PostgreSQL: DATABASE_URL, else localhost:5432, else embedded (data in .demo-data/, reused next time).
// Then: migrations (skipped when unchanged), a generated order history ending today imported through
// the plugin's importer, the demo story (scripts/seed/story.ts: segments, an objective with a holdout,
// rules, eight weeks of experiment orders and snapshots, an audit run, a demo customer), an admin
// user, and `medusa start` serving a built admin (built once beside the database steps, cached until
// src/admin changes) at http://localhost:9000/app. `npm run demo -- --dev` runs `medusa develop`
// (watch mode, Vite) instead. Each phase prints its time. Ctrl-C stops everything.
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const { Client } = require("pg")
const { prepareDemoDatabase } = require("./with-db")
const { medusa, medusaRun } = require("./lib/medusa")
const { ROOT } = require("./lib/postgres")
const { hashSources } = require("./lib/source-hash")
const { adminBuildIsCurrent } = require("./lib/admin-build")

const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL || "admin@example.com"
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD || "supersecret"
const DATA_DIR = path.join(ROOT, ".demo-data")
const INFO_FILE = path.join(DATA_DIR, "demo.json")
const SEEDED_FILE = path.join(DATA_DIR, "seeded.hash")
const PORT = process.env.PORT || "9000"
const STOREFRONT_PORT = Number(process.env.STOREFRONT_PORT || 8000)
const DEV = process.argv.includes("--dev")
// 3,000 customers: enough that the 10% holdout of the objective reaches a verdict.
const HISTORY = ["--lines", "24000", "--customers", "3000", "--products", "300", "--months", "12"]

const t0 = Date.now()
let phaseStart = Date.now()
const phases = []
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`

function step(msg) {
  endPhase()
  phases.push({ name: msg })
  phaseStart = Date.now()
  process.stdout.write(`\n> ${msg}\n`)
}

function endPhase(note) {
  const p = phases[phases.length - 1]
  if (p && p.ms === undefined) {
    p.ms = Date.now() - phaseStart
    process.stdout.write(`  ${p.name}: ${secs(p.ms)}${note ? ` (${note})` : ""}\n`)
  }
}

async function scalar(databaseUrl, sql, params = []) {
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query(sql, params)
    return rows[0] ? Object.values(rows[0])[0] : undefined
  } catch (e) {
    if (e.code === "42P01") return undefined // table not there yet
    throw e
  } finally {
    await client.end()
  }
}

function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" })
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))))
  })
}

/** The seed's sources: a change re-runs it (it is idempotent, so it only adds what is missing). */
function seedHash() {
  return hashSources([path.join(ROOT, "scripts", "exec", "seed-demo.ts"), path.join(ROOT, "scripts", "seed")])
}

function readInfo() {
  try {
    return JSON.parse(fs.readFileSync(INFO_FILE, "utf8"))
  } catch {
    return null
  }
}

/** The example storefront (examples/storefront), when this checkout has it. */
function loadStorefront() {
  try {
    return require("./lib/storefront")
  } catch (e) {
    if (e.code === "MODULE_NOT_FOUND" && String(e.message).includes("lib/storefront")) return null
    throw e
  }
}

async function main() {
  const base = `http://localhost:${PORT}`
  // The admin build needs no database: it runs beside the database steps.
  let adminBuild = null
  if (!DEV) {
    if (adminBuildIsCurrent(base)) {
      process.stdout.write("\n> Admin: the built dashboard is current (public/admin)\n")
    } else {
      process.stdout.write(
        "\n> Admin: building the dashboard in the background (once; cached until src/admin changes)\n"
      )
      const started = Date.now()
      adminBuild = runNode([path.join(ROOT, "scripts", "lib", "admin-build.js"), base]).then(() => {
        process.stdout.write(`  admin build: ${secs(Date.now() - started)}\n`)
      })
      adminBuild.catch(() => {}) // awaited below
    }
  }

  step("Database")
  const { server, databaseUrl, migrated } = await prepareDemoDatabase({ migrate: "auto" })
  endPhase(migrated ? "migrated" : "migrations unchanged, skipped")
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
  const info = readInfo()
  const seeded =
    orders > 0 &&
    fs.existsSync(SEEDED_FILE) &&
    fs.readFileSync(SEEDED_FILE, "utf8") === seedHash() &&
    info?.customer &&
    Number(await scalar(databaseUrl, `select count(*) from objective where id = $1`, [info.objective_id]))
  const hasAdmin = Number(
    await scalar(databaseUrl, `select count(*) from "user" where email = $1 and deleted_at is null`, [ADMIN_EMAIL])
  )
  const seedArgs = []
  if (!orders) {
    const today = new Date().toISOString().slice(0, 10)
    const dataset = path.join(DATA_DIR, `demo-orders-${today}.csv.gz`)
    if (!fs.existsSync(dataset)) {
      step("Generating the order history (deterministic, ending today)")
      await runNode([path.join(ROOT, "scripts", "generate-dataset.js"), ...HISTORY, "--end", today, "--out", dataset])
    }
    seedArgs.push(`history=${dataset}`)
  }
  if (!hasAdmin) seedArgs.push(`admin=${ADMIN_EMAIL}:${ADMIN_PASSWORD}`)
  if (seeded) seedArgs.push("no-story")
  if (!seeded || seedArgs.length > 1) {
    step(
      [
        !orders && "importing the history through the plugin's importer",
        !seeded && "the demo story (segments, objective, rules, experiment orders, snapshots, audit, shopper)",
        !hasAdmin && "admin user",
      ]
        .filter(Boolean)
        .join(", ")
        .replace(/^./, (c) => c.toUpperCase())
    )
    await medusaRun(["exec", "./scripts/exec/seed-demo.ts", ...seedArgs], { env })
    fs.writeFileSync(SEEDED_FILE, seedHash())
  } else {
    process.stdout.write(`\n> History (${orders} orders), demo story and admin user already there\n`)
  }
  const demo = readInfo()

  if (adminBuild) {
    step("Waiting for the admin build")
    await adminBuild
  }

  step(DEV ? "Starting the server (medusa develop, watch mode)" : "Starting the server (medusa start, built admin)")
  // Any NODE_ENV but "development" makes Medusa serve public/admin; not "production", whose
  // secure session cookies need HTTPS.
  const child = DEV
    ? medusa(["develop"], { env: { ...env, PORT }, detached: true })
    : medusa(["start"], { env: { ...env, PORT, NODE_ENV: "demo" }, detached: true })
  let storefront = null
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
    Promise.resolve(storefront && storefront.stop()).catch(() => {})
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
    await Promise.resolve(storefront && storefront.stop()).catch(() => {})
    await server.stop().catch(() => {})
    process.exit(code ?? 1)
  })

  for (let i = 0; i < 1200 && !stopping; i++) {
    try {
      const res = await fetch(`${base}/health`)
      if (res.ok) break
    } catch {
      // not up yet, or already gone
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  endPhase()

  const sf = loadStorefront()
  if (sf && !stopping) {
    step("Storefront")
    storefront = await sf.startStorefront({
      backendUrl: base,
      publishableKey: demo.publishable_key,
      port: STOREFRONT_PORT,
    })
    endPhase()
  }

  const customer = demo.customer
  process.stdout.write(
    [
      "",
      "==============================================================",
      ` Demo store ready in ${secs(Date.now() - t0)} (${phases.map((p) => `${p.name.split(/[:(]/)[0].trim()} ${secs(p.ms ?? 0)}`).join(", ")})`,
      ` Admin:            ${base}/app`,
      ` Admin login:      ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}`,
      ...(storefront ? [` Storefront:       ${storefront.url}`] : []),
      ...(customer ? [` Demo shopper:     ${customer.email} / ${customer.password}`] : []),
      ` Store API:        ${base}/store/products`,
      ` Publishable key:  ${demo.publishable_key}`,
      ` Database:         ${databaseUrl.replace(/:[^:@/]*@/, ":***@")}${server.embedded ? " (embedded)" : ""}`,
      ` Start here:       ${base}/app/personalization (the objective "Raise repeat-purchase rate of recent buyers")`,
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
