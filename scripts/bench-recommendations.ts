/**
 * `npm run bench:recommendations`: latency of GET /store/recommendations against core
 * GET /store/products?limit=12, measured in the same run with autocannon (50 connections each).
 *
 *   npm run bench:recommendations -- [--db personalization_bench] [--duration 20] [--connections 50] [--port 9123] [--rebuild no]
 *
 * Starts the host store (`medusa start`: no file watcher, admin disabled) on the benchmark database built by
 * `npm run bench:setup`, rebuilds product_affinity through the admin API, then runs
 * 1. core `GET /store/products?limit=12` (anonymous), and
 * 2. `GET /store/recommendations?limit=12` cycling home (anonymous), home (logged-in customers
 *    with orders), product (best sellers' pages) — same connections, same duration;
 * 3. for reference, logged-in customers alone (never cached).
 * Target: recommendations p95 <= 1.2 x core p95, 0 errors.
 */
import { spawn, ChildProcess } from "child_process"
import http from "http"
import path from "path"
import { generateJwtToken } from "@medusajs/framework/utils"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const autocannon = require("autocannon")
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Client } = require("pg")

const ROOT = path.resolve(__dirname, "..")

type Opts = { db: string; duration: number; connections: number; port: number; host: string; rebuild: string }

function parse(argv: string[]): Opts {
  const o: Opts = { db: "personalization_bench", duration: 20, connections: 50, port: 9123, host: "postgres@localhost:5432", rebuild: "yes" }
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i])
    if (!m || !(m[1] in o)) {
      throw new Error(`unknown argument ${argv[i]}`)
    }
    const v = m[2] ?? argv[++i]
    ;(o as Record<string, unknown>)[m[1]] = typeof (o as Record<string, unknown>)[m[1]] === "number" ? Number(v) : v
  }
  return o
}

const log = (msg: string) => process.stdout.write(`[bench:recommendations] ${msg}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitForHealth(base: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      throw new Error("the server exited before it was ready")
    }
    try {
      const res = await fetch(`${base}/health`)
      if (res.ok) {
        return
      }
    } catch {
      // not up yet
    }
    await sleep(1000)
  }
  throw new Error("the server did not become healthy in 10 minutes")
}

/** POST without a response timeout; resolves with the body, rejects on a non-2xx status. */
function postNoTimeout(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers }, (res) => {
      let body = ""
      res.setEncoding("utf8")
      res.on("data", (chunk) => (body += chunk))
      res.on("end", () =>
        (res.statusCode ?? 500) < 300 ? resolve(body) : reject(new Error(`POST ${url}: ${res.statusCode} ${body.slice(0, 300)}`))
      )
    })
    req.on("error", reject)
    req.end()
  })
}

/** Runs autocannon and keeps every response time (autocannon's own summary has no p95). */
function run(opts: autocannonOpts): Promise<any> {
  return new Promise((resolve, reject) => {
    const times: number[] = []
    const instance = autocannon(opts, (err: Error | null, result: any) =>
      err ? reject(err) : resolve({ ...result, times })
    )
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime)
    })
  })
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) {
    return 0
  }
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return Math.round(sorted[Math.max(0, idx)] * 10) / 10
}
type autocannonOpts = Record<string, unknown>

function summary(name: string, r: any) {
  const errors = r.errors + r.timeouts + (r.non2xx ?? 0)
  const sorted = [...r.times].sort((a: number, b: number) => a - b)
  return {
    name,
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
  }
}

async function main() {
  const opts = parse(process.argv.slice(2))
  const dbUrl = `postgres://${opts.host}/${opts.db}`
  const pg = new Client({ connectionString: dbUrl })
  await pg.connect()
  const { rows: keys } = await pg.query(
    `SELECT k.token FROM api_key k JOIN publishable_api_key_sales_channel l ON l.publishable_key_id = k.id AND l.deleted_at IS NULL
     WHERE k.type = 'publishable' AND k.revoked_at IS NULL AND k.deleted_at IS NULL LIMIT 1`
  )
  if (!keys.length) {
    throw new Error(`no publishable key with a sales channel in ${opts.db}: run npm run bench:setup first`)
  }
  const { rows: counts } = await pg.query(
    `SELECT (SELECT count(*) FROM product WHERE deleted_at IS NULL)::int AS products,
            (SELECT count(*) FROM customer WHERE deleted_at IS NULL)::int AS customers,
            (SELECT count(*) FROM order_item)::int AS lines`
  )
  log(`database ${opts.db}: ${counts[0].products} products, ${counts[0].customers} customers, ${counts[0].lines} order lines`)
  const { rows: buyers } = await pg.query(
    `SELECT customer_id FROM "order" WHERE customer_id IS NOT NULL AND deleted_at IS NULL GROUP BY customer_id ORDER BY min(id) LIMIT 500`
  )

  const base = `http://localhost:${opts.port}`
  log(`starting the store on ${base} (medusa start, admin disabled)`)
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js"), "start"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(opts.port), ADMIN_DISABLED: "true", NODE_ENV: "development", LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  })
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM")
    } catch {
      // already gone
    }
  }
  process.on("exit", stop)
  try {
    await waitForHealth(base, child)
    const secret = process.env.JWT_SECRET || "supersecret"
    const admin = generateJwtToken({ actor_id: "user_bench", actor_type: "user", auth_identity_id: "", app_metadata: {} }, { secret, expiresIn: "1d" })
    const { rows: existing } = await pg.query(`SELECT count(*)::int AS n FROM product_affinity`)
    if (opts.rebuild === "no" && existing[0].n > 0) {
      log(`--rebuild no: using the existing product_affinity (${existing[0].n} rows)`)
    } else {
      const t = Date.now()
      // node:http, not fetch: a full rebuild can outlast fetch's 300 s header timeout
      const body = await postNoTimeout(`${base}/admin/recommendations/rebuild`, { authorization: `Bearer ${admin}` })
      log(`rebuilt product_affinity in ${((Date.now() - t) / 1000).toFixed(1)} s: ${body}`)
    }
    const { rows: popular } = await pg.query(
      `SELECT product_id FROM product_affinity WHERE product_id = related_product_id ORDER BY customer_count DESC LIMIT 200`
    )
    const pk = keys[0].token as string
    const tokens = buyers.map((b: { customer_id: string }) =>
      generateJwtToken({ actor_id: b.customer_id, actor_type: "customer", auth_identity_id: "", app_metadata: {} }, { secret, expiresIn: "1d" })
    )
    let i = 0
    const recPaths = () => {
      const k = i++
      if (k % 3 === 0) {
        return { path: "/store/recommendations?placement=home&limit=12", headers: { "x-publishable-api-key": pk } }
      }
      if (k % 3 === 1 && tokens.length) {
        return {
          path: "/store/recommendations?placement=home&limit=12",
          headers: { "x-publishable-api-key": pk, authorization: `Bearer ${tokens[k % tokens.length]}` },
        }
      }
      const pid = popular.length ? popular[k % popular.length].product_id : ""
      return {
        path: pid ? `/store/recommendations?placement=product&product_id=${pid}&limit=12` : "/store/recommendations?placement=home&limit=12",
        headers: { "x-publishable-api-key": pk },
      }
    }
    // sanity: one request of each kind must succeed before measuring
    for (const probe of [
      { path: "/store/products?limit=12", headers: { "x-publishable-api-key": pk } },
      recPaths(),
      recPaths(),
      recPaths(),
    ]) {
      const t0 = Date.now()
      const res = await fetch(`${base}${probe.path}`, { headers: probe.headers as Record<string, string> })
      const body = await res.text()
      log(`probe ${probe.path.slice(0, 60)} -> ${res.status} in ${Date.now() - t0} ms`)
      if (!res.ok) {
        throw new Error(`probe failed: ${body.slice(0, 500)}`)
      }
    }
    i = 0
    // warm-up: caches and JIT for both routes
    await run({ url: `${base}/store/products?limit=12`, connections: 10, duration: 5, headers: { "x-publishable-api-key": pk } })
    await run({ url: base, connections: 10, duration: 5, requests: [{ setupRequest: (req: any) => ({ ...req, ...recPaths() }) }] })

    log(`core GET /store/products?limit=12: ${opts.connections} connections, ${opts.duration} s`)
    const core = await run({
      url: `${base}/store/products?limit=12`,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 30,
      headers: { "x-publishable-api-key": pk },
    })
    log(`GET /store/recommendations (home anonymous / home logged-in / product page): ${opts.connections} connections, ${opts.duration} s`)
    const recs = await run({
      url: base,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 30,
      requests: [{ setupRequest: (req: any) => ({ ...req, ...recPaths() }) }],
    })
    // Not part of the target: logged-in customers alone (never cached, full engine per request).
    log(`GET /store/recommendations, logged-in customers only (for reference): ${opts.connections} connections, ${opts.duration} s`)
    let j = 0
    const loggedIn = await run({
      url: base,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 30,
      requests: [
        {
          setupRequest: (req: any) => ({
            ...req,
            path: "/store/recommendations?placement=home&limit=12",
            headers: { "x-publishable-api-key": pk, authorization: `Bearer ${tokens[j++ % tokens.length]}` },
          }),
        },
      ],
    })
    // let requests still in flight finish before the server stops
    await sleep(3000)
    const rows = [
      summary("GET /store/products?limit=12", core),
      summary("GET /store/recommendations", recs),
      summary("  (logged-in only, reference)", loggedIn),
    ]
    const ratio = rows[1].p95 / (rows[0].p95 || 1)
    const pad = (s: unknown, n: number) => String(s).padEnd(n)
    process.stdout.write(
      [
        "",
        `${pad("route", 32)}${pad("requests", 10)}${pad("req/s", 8)}${pad("p50 ms", 8)}${pad("p95 ms", 8)}${pad("p99 ms", 8)}errors`,
        ...rows.map((r) => `${pad(r.name, 32)}${pad(r.requests, 10)}${pad(r.rps, 8)}${pad(r.p50, 8)}${pad(r.p95, 8)}${pad(r.p99, 8)}${r.errors}`),
        "",
        `recommendations p95 / core p95 = ${ratio.toFixed(2)} (target <= 1.2), errors ${rows[1].errors + rows[0].errors} (target 0)`,
        `logged-in only p95 / core p95 = ${(rows[2].p95 / (rows[0].p95 || 1)).toFixed(2)} (reference: anonymous lists are cached for cache_ttl_seconds)`,
        "",
      ].join("\n")
    )
    process.exitCode = ratio <= 1.2 && rows[0].errors + rows[1].errors === 0 ? 0 : 1
  } finally {
    await pg.end()
    stop()
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:recommendations] ${e?.stack ?? e}\n`)
  process.exit(1)
})
