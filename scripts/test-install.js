#!/usr/bin/env node
// `npm run test:install [npm] [pnpm]`: the package as a store installs it. Builds and packs the plugin,
// checks the tarball holds only runtime files, then for each package manager (npm, and pnpm's strict
// layout) creates a fresh store in a temporary folder from integration-tests/install/store (the
// essentials of Medusa's starter), installs the tarball, runs `medusa db:migrate` on a fresh database,
// starts the store and checks the admin's sidebar entry in Chromium and one call per route family.
// Prints "install: N passed, M failed" and the time each part took.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawn, execFileSync } = require("child_process")
const { builtinModules } = require("module")
const { Client } = require("pg")
const { resolvePostgres, ROOT } = require("./lib/postgres")
const { medusaRun } = require("./lib/medusa")

const TEMPLATE = path.join(ROOT, "integration-tests", "install", "store")
const CACHE = path.join(ROOT, ".cache")
const RESULTS = path.join(CACHE, "install")
const ADMIN = { email: "admin@example.com", password: "supersecret" }
const CHROMIUM =
  process.env.CHROMIUM_PATH || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p))
const MANAGERS = {
  npm: { port: 9200, install: ["npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"]], npmrc: null },
  // pnpm 9 through npx: its layout, where the store's root sees only what it declares, with the root-level
  // hoisting that Medusa's pnpm guide asks of every store (pnpm.npmrc).
  pnpm: {
    port: 9201,
    install: [
      "npx",
      ["--yes", "pnpm@9", "install", "--prefer-offline", "--no-frozen-lockfile", "--reporter=append-only"],
    ],
    npmrc: "pnpm.npmrc",
  },
}
/** The `@medusajs/medusa` entry points Medusa documents for plugins; everything else under it is internal. */
const PUBLIC_MEDUSA = ["@medusajs/medusa/core-flows"]
/** What may never ship: tests, tooling, the host store's config. */
const DEV_ONLY = [
  /\.spec\.[jt]sx?$/,
  /(^|\/)__tests__\//,
  /(^|\/)integration-tests\//,
  /(^|\/)scripts\//,
  /(^|\/)bench/,
  /(^|\/)medusa-config\.[jt]s$/,
  /(^|\/)examples\//,
  /\.test\.[jt]sx?$/,
]

let passed = 0
let failed = 0
const removals = []
function log(msg) {
  process.stdout.write(`[install] ${msg}\n`)
}
async function check(name, fn) {
  try {
    await fn()
    passed++
    log(`PASS ${name}`)
    return true
  } catch (e) {
    failed++
    log(`FAIL ${name}\n${e.stack || e}`)
    return false
  }
}
function assert(ok, message) {
  if (!ok) throw new Error(message)
}
const seconds = (t0) => Math.round((Date.now() - t0) / 1000)

/** Runs a command with its output in a log file; on failure prints the log's tail. */
function run(cmd, args, { cwd, env = {}, logFile }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, "a")
    fs.writeSync(out, `\n$ ${cmd} ${args.join(" ")}\n`)
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", out, out] })
    child.on("error", reject)
    child.on("close", (code) => {
      fs.closeSync(out)
      if (code === 0) return resolve()
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n")
      reject(new Error(`${cmd} ${args.join(" ")} exited with ${code} (log: ${logFile})\n${tail}`))
    })
  })
}

async function waitFor(url, secondsToWait) {
  for (let i = 0; i < secondsToWait; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`${url} did not answer within ${secondsToWait}s`)
}

async function recreateDatabase(server, db) {
  const { host, port, user, password } = server
  const client = new Client({ host, port, user, password, database: "postgres" })
  await client.connect()
  try {
    await client.query(`drop database if exists "${db}" with (force)`)
    await client.query(`create database "${db}"`)
  } finally {
    await client.end()
  }
}

/** Builds the plugin, checks what `npm pack` would publish, packs it. Returns the tarball's path. */
async function packPlugin(dest) {
  await medusaRun(["plugin:build"], { stdio: ["ignore", "ignore", "inherit"] })
  const [dry] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: ROOT, encoding: "utf8" }))
  const files = dry.files.map((f) => f.path)
  log(
    `tarball: ${dry.entryCount} files, ${(dry.size / 1024).toFixed(0)} kB packed, ${(dry.unpackedSize / 1024).toFixed(0)} kB unpacked`
  )
  await check("the tarball holds only runtime files (no specs, tests, scripts, benches, host medusa-config)", () => {
    const dev = files.filter((f) => DEV_ONLY.some((re) => re.test(f)))
    assert(!dev.length, `dev-only files in the tarball:\n  ${dev.join("\n  ")}`)
    const outside = files.filter(
      (f) => !/^(\.medusa\/server\/src\/|docs\/[^/]+\.md$|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/.test(f)
    )
    assert(!outside.length, `unexpected files in the tarball:\n  ${outside.join("\n  ")}`)
  })
  await check("the tarball carries the built server, admin, migrations, docs and changelog", () => {
    for (const f of [
      ".medusa/server/src/admin/index.mjs",
      ".medusa/server/src/api/middlewares.js",
      ".medusa/server/src/modules/segment/index.js",
      "docs/storefront.md",
      "CHANGELOG.md",
    ]) {
      assert(files.includes(f), `${f} missing from the tarball`)
    }
    assert(
      files.some((f) => /^\.medusa\/server\/src\/modules\/segment\/migrations\/.+\.js$/.test(f)),
      "no segment migrations"
    )
  })
  await check("the built code imports only declared packages, and no Medusa internals", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})])
    const undeclared = new Set()
    const internals = new Set()
    for (const f of files.filter((f) => /\.(m?js)$/.test(f))) {
      const code = fs.readFileSync(path.join(ROOT, f), "utf8")
      // CommonJS requires, and the ES module admin bundle's import statements (not SQL's `from "order"`)
      const imports = f.endsWith(".mjs")
        ? /^\s*(?:import|export)\b[^"]*?"([^".][^"]*)"/gm
        : /\brequire\("([^".][^"]*)"\)/g
      for (const [, spec] of code.matchAll(imports)) {
        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]
        if (!builtinModules.includes(name.replace(/^node:/, "")) && !declared.has(name)) {
          undeclared.add(`${name} (${f})`)
        }
        // @medusajs/medusa's documented entry points only: its api/ and dist/ paths move between releases
        if (spec.startsWith("@medusajs/medusa/") && !PUBLIC_MEDUSA.includes(spec)) {
          internals.add(`${spec} (${f})`)
        }
      }
    }
    assert(!undeclared.size, `imported but not declared in package.json:\n  ${[...undeclared].join("\n  ")}`)
    assert(!internals.size, `Medusa internals imported:\n  ${[...internals].join("\n  ")}`)
  })
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", dest], { cwd: ROOT, encoding: "utf8" })
  )
  return path.join(dest, packed.filename)
}

/** Admin and store calls against a running store: one per route family, plus the publishable-key setup. */
async function checkRoutes(base) {
  const login = await fetch(`${base}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  }).then((r) => r.json())
  assert(login.token, `admin login failed: ${JSON.stringify(login)}`)
  const call = async (method, p, { body, headers = { authorization: `Bearer ${login.token}` } } = {}) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = await res.json().catch(() => ({}))
    return { status: res.status, json }
  }
  const ok = async (method, p, opts) => {
    const res = await call(method, p, opts)
    assert(res.status >= 200 && res.status < 300, `${method} ${p} -> ${res.status} ${JSON.stringify(res.json)}`)
    return res.json
  }
  // a sales channel, a publishable key on it, a region and one published product, through core admin routes
  const { sales_channel: channel } = await ok("POST", "/admin/sales-channels", { body: { name: "Web" } })
  const { api_key: key } = await ok("POST", "/admin/api-keys", { body: { title: "storefront", type: "publishable" } })
  await ok("POST", `/admin/api-keys/${key.id}/sales-channels`, { body: { add: [channel.id] } })
  const { region } = await ok("POST", "/admin/regions", {
    body: { name: "UK", currency_code: "gbp", countries: ["gb"] },
  })
  await ok("POST", "/admin/products", {
    body: {
      title: "Lamp",
      status: "published",
      sales_channels: [{ id: channel.id }],
      options: [{ title: "Size", values: ["One"] }],
      variants: [
        {
          title: "One",
          options: { Size: "One" },
          manage_inventory: false,
          prices: [{ amount: 10, currency_code: "gbp" }],
        },
      ],
    },
  })
  const store = { headers: { "x-publishable-api-key": key.token } }

  const calls = [
    ["GET", "/admin/segments"],
    ["GET", "/admin/segments/attributes"],
    [
      "POST",
      "/admin/segments/preview",
      {
        body: {
          currency_code: "GBP",
          rules: {
            type: "all",
            conditions: [{ type: "condition", attribute: "order_count", operator: "gte", value: 1 }],
          },
        },
      },
    ],
    ["GET", "/admin/objectives"],
    ["GET", "/admin/data-audit/checks"],
    ["POST", "/admin/data-audit/runs", { body: {} }],
    ["GET", "/admin/data-audit/runs"],
    ["GET", "/admin/recommendations/rules"],
    ["GET", "/admin/decision-log"],
    ["GET", `/store/recommendations?placement=home&region_id=${region.id}`, store],
    ["GET", "/store/products?order=personalized", store],
    ["GET", "/store/objectives/groups?anonymous_id=install-test-visitor", store],
  ]
  const failures = []
  for (const [method, p, opts] of calls) {
    const res = await call(method, p, opts)
    if (res.status < 200 || res.status >= 300)
      failures.push(`${method} ${p} -> ${res.status} ${JSON.stringify(res.json)}`)
  }
  assert(!failures.length, failures.join("\n"))
  const rec = await ok("GET", `/store/recommendations?placement=home&region_id=${region.id}`, store)
  assert(
    Array.isArray(rec.products) && rec.experiment,
    `unexpected /store/recommendations body: ${JSON.stringify(rec)}`
  )
}

async function checkSidebar(base, pm) {
  const { chromium } = require("playwright-core")
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  })
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  try {
    // the first page waits for Vite to bundle the admin and the plugin's extensions
    await page.goto(`${base}/app/login`, { waitUntil: "domcontentloaded", timeout: 300000 })
    await page.locator('input[name="email"]').fill(ADMIN.email, { timeout: 300000 })
    await page.locator('input[name="password"]').fill(ADMIN.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.includes("/login"), { timeout: 120000 })
    const entry = page.getByRole("link", { name: "Personalization" }).first()
    await entry.waitFor({ state: "visible", timeout: 180000 })
    await entry.click()
    await page.waitForURL(`${base}/app/personalization`, { timeout: 60000 })
    await page.getByRole("heading", { name: "Personalization" }).waitFor({ timeout: 60000 })
    await page.screenshot({ path: path.join(RESULTS, `${pm}-personalization.png`) })
  } catch (e) {
    await page.screenshot({ path: path.join(RESULTS, `${pm}-failed.png`) }).catch(() => {})
    throw e
  } finally {
    await browser.close()
  }
}

/** One package manager: a fresh store, the tarball installed, migrated, started and checked. */
async function installWith(pm, tarball, server) {
  const { port, install, npmrc } = MANAGERS[pm]
  const base = `http://localhost:${port}`
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `personalization-store-${pm}-`))
  const logFile = path.join(RESULTS, `${pm}.log`)
  fs.writeFileSync(logFile, "")
  const db = `personalization_install_${pm}`
  const env = {
    DATABASE_URL: server.url(db),
    PORT: String(port),
    MEDUSA_BACKEND_URL: base,
    ADMIN_CORS: base,
    AUTH_CORS: base,
    STORE_CORS: base,
    NODE_ENV: "development",
    MEDUSA_DISABLE_TELEMETRY: "true",
  }
  const times = {}
  let child
  try {
    for (const f of fs.readdirSync(TEMPLATE).filter((f) => !f.endsWith(".npmrc"))) {
      fs.copyFileSync(path.join(TEMPLATE, f), path.join(dir, f))
    }
    if (npmrc) fs.copyFileSync(path.join(TEMPLATE, npmrc), path.join(dir, ".npmrc"))
    const pkgFile = path.join(dir, "package.json")
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"))
    pkg.dependencies["medusa-plugin-personalization"] = `file:${tarball}`
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2))
    log(`${pm}: installing into ${dir} (log: ${path.relative(ROOT, logFile)})`)

    let t0 = Date.now()
    const installed = await check(`${pm}: the store installs with the plugin tarball`, async () => {
      await run(install[0], install[1], { cwd: dir, logFile })
      const manifest = path.join(dir, "node_modules", "medusa-plugin-personalization", "package.json")
      assert(fs.existsSync(manifest), "the plugin is not in node_modules")
    })
    times.install = seconds(t0)
    if (!installed) return times
    await check(`${pm}: @medusajs/test-utils is not installed into the store`, () => {
      const found = (() => {
        try {
          return require.resolve("@medusajs/test-utils/package.json", { paths: [dir] })
        } catch {
          return null
        }
      })()
      assert(!found, `found at ${found}`)
    })

    t0 = Date.now()
    await recreateDatabase(server, db)
    const medusaBin = path.join(dir, "node_modules", ".bin", "medusa")
    await check(`${pm}: medusa db:migrate creates the plugin's tables`, async () => {
      await run(medusaBin, ["db:migrate"], { cwd: dir, env, logFile })
      const client = new Client({ connectionString: env.DATABASE_URL })
      await client.connect()
      try {
        const expected = [
          "segment",
          "segment_order_fact",
          "objective",
          "decision_log",
          "audit_run",
          "recommendation_rule",
        ]
        const { rows } = await client.query(
          "select table_name from information_schema.tables where table_schema = 'public' and table_name = any($1)",
          [expected]
        )
        const missing = expected.filter((t) => !rows.some((r) => r.table_name === t))
        assert(!missing.length, `tables missing after db:migrate: ${missing.join(", ")}`)
      } finally {
        await client.end()
      }
    })
    await run(medusaBin, ["user", "-e", ADMIN.email, "-p", ADMIN.password], { cwd: dir, env, logFile })
    times.migrate = seconds(t0)

    t0 = Date.now()
    const serverLog = fs.openSync(path.join(RESULTS, `${pm}-server.log`), "w")
    child = spawn(medusaBin, ["start"], {
      cwd: dir,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ["ignore", serverLog, serverLog],
    })
    const started = child
    process.on("exit", () => {
      try {
        process.kill(-started.pid, "SIGTERM")
      } catch {
        // already stopped
      }
    })
    await waitFor(`${base}/health`, 300)
    times.start = seconds(t0)
    t0 = Date.now()
    await check(`${pm}: one call per admin and store route family answers 2xx`, () => checkRoutes(base))
    times.routes = seconds(t0)
    t0 = Date.now()
    await check(`${pm}: the admin shows the Personalization sidebar entry and its page`, () => checkSidebar(base, pm))
    times.browser = seconds(t0)
  } finally {
    if (child) {
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 2000))
    }
    // a store's node_modules takes minutes to delete on a busy machine: it goes while the next part runs
    if (!process.env.KEEP_INSTALL_STORE) removals.push(fs.promises.rm(dir, { recursive: true, force: true }))
  }
  return times
}

async function main() {
  const only = process.argv.slice(2)
  const managers = Object.keys(MANAGERS).filter((m) => !only.length || only.includes(m))
  if (!CHROMIUM) throw new Error("Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH")
  fs.mkdirSync(RESULTS, { recursive: true })
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "personalization-pack-"))
  const timings = {}
  const server = await resolvePostgres({ name: "test-postgres", preferUrl: false })
  try {
    let t0 = Date.now()
    const tarball = await packPlugin(work)
    timings.pack = seconds(t0)
    for (const pm of managers) {
      t0 = Date.now()
      const times = await installWith(pm, tarball, server)
      timings[pm] = { total: seconds(t0), ...times }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
    await server.stop()
    const t0 = Date.now()
    await Promise.allSettled(removals)
    timings.cleanup = seconds(t0)
  }
  log(`timings (s): ${JSON.stringify(timings)}`)
  fs.writeFileSync(path.join(CACHE, "install-totals.json"), JSON.stringify({ passed, failed, timings }))
  process.stdout.write(`\ninstall: ${passed} passed, ${failed} failed\n`)
  process.exit(failed ? 1 : 0)
}

main().catch((e) => {
  console.error(e.stack || e)
  process.stdout.write(`\ninstall: ${passed} passed, ${failed + 1} failed\n`)
  process.exit(1)
})
