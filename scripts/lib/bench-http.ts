/**
 * Shared parts of the HTTP load benchmarks (`bench:recommendations`, `bench:segment-preview`):
 * arguments, the host store started on the benchmark database, autocannon runs that keep every
 * response time, the server's memory, and the printed table.
 */
import { spawn } from "child_process"
import fs from "fs"
import http from "http"
import path from "path"
import { generateJwtToken } from "@medusajs/framework/utils"
import { parseDbList } from "./bench-dbs"
import { CostCurveRow, costCurveTable } from "./cost-curve"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const autocannon = require("autocannon")
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Client } = require("pg")

const ROOT = path.resolve(__dirname, "..", "..")
const SECRET = process.env.JWT_SECRET || "supersecret"

export type BenchOpts = {
  db: string
  /** a cost curve: several databases, one per size (comma-separated); overrides db */
  dbs: string
  /** "yes": run on a copy of each database, dropped afterwards */
  clone: string
  duration: number
  connections: number
  /** seconds per route at one connection (per-request cost without queueing); 0 skips */
  serial: number
  port: number
  host: string
}

export const BENCH_DEFAULTS: BenchOpts = {
  db: "personalization_bench",
  dbs: "",
  clone: "no",
  duration: 20,
  connections: 50,
  serial: 10,
  port: 9123,
  host: "postgres@localhost:5432",
}

/** The databases to run on (`--dbs`, else `--db`) and the connection string of the server's `postgres` db. */
export const benchDbs = (opts: BenchOpts) => ({
  dbs: opts.dbs ? parseDbList(opts.dbs) : [opts.db],
  clone: opts.clone === "yes",
  adminUrl: `postgres://${opts.host}/postgres`,
})

/** `--name value` or `--name=value` for each key of `defaults`; numbers stay numbers. */
export function parseArgs<T extends Record<string, string | number>>(argv: string[], defaults: T): T {
  const o: Record<string, string | number> = { ...defaults }
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i])
    if (!m || !(m[1] in o)) {
      throw new Error(`unknown argument ${argv[i]}`)
    }
    const v = m[2] ?? argv[++i]
    o[m[1]] = typeof o[m[1]] === "number" ? Number(v) : v
  }
  return o as T
}

export const logger = (name: string) => (msg: string) => process.stdout.write(`[${name}] ${msg}\n`)
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const adminToken = () =>
  generateJwtToken(
    { actor_id: "user_bench", actor_type: "user", auth_identity_id: "", app_metadata: {} },
    { secret: SECRET, expiresIn: "1d" }
  )

export const customerToken = (customerId: string) =>
  generateJwtToken(
    { actor_id: customerId, actor_type: "customer", auth_identity_id: "", app_metadata: {} },
    { secret: SECRET, expiresIn: "1d" }
  )

/** Connects to the benchmark database and checks it was built by `npm run bench:setup`. */
export async function openBenchDb(opts: Pick<BenchOpts, "db" | "host">, log: (m: string) => void) {
  const url = `postgres://${opts.host}/${opts.db}`
  const pg = new Client({ connectionString: url })
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
  const store = `${counts[0].products} products, ${counts[0].customers} customers, ${counts[0].lines} order lines`
  log(`database ${opts.db}: ${store}`)
  return { pg, url, publishableKey: keys[0].token as string, store, counts: counts[0] as StoreCounts }
}

export type StoreCounts = { products: number; customers: number; lines: number }

/** Resident memory (MB) of a process and all its descendants, from /proc. */
export function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      // comm may hold spaces and parentheses: fields resume after the last ")"
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // exited while listing
    }
  }
  let kb = 0
  const stack = [pid]
  while (stack.length) {
    const p = stack.pop()!
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))
      kb += m ? Number(m[1]) : 0
    } catch {
      // exited
    }
    stack.push(...(children.get(p) ?? []))
  }
  return Math.round(kb / 1024)
}

export type Store = {
  base: string
  pid: number
  rss: () => number
  drain: () => Promise<void>
  /** SIGTERM to the server's process group; resolves once it exited (SIGKILL after 30 s) */
  stop: () => Promise<void>
}

/** CPU time (clock ticks, user + system) a process has used. */
function cpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return Number(f[11]) + Number(f[12])
  } catch {
    return 0
  }
}

/**
 * Resolves once the server is idle: no query of it runs on its database (the benchmark database has
 * no other clients) and it used under 10% of a core, four half-second checks in a row; at least
 * 3 s after the call, at most 5 minutes.
 */
async function drain(dbUrl: string, pid: number) {
  const pg = new Client({ connectionString: dbUrl })
  await pg.connect()
  try {
    const started = Date.now()
    let quiet = 0
    let ticks = cpuTicks(pid)
    while (Date.now() - started < 300_000 && (quiet < 4 || Date.now() - started < 3000)) {
      await sleep(500)
      const { rows } = await pg.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()`
      )
      const now = cpuTicks(pid)
      // clock ticks are 1/100 s: 5 per half second is 10% of a core
      quiet = rows[0].n === 0 && now - ticks < 5 ? quiet + 1 : 0
      ticks = now
    }
  } finally {
    await pg.end()
  }
}

/** `medusa start` (no file watcher, admin disabled) on the database; resolves once /health answers. */
export async function startStore(dbUrl: string, port: number, log: (m: string) => void): Promise<Store> {
  const base = `http://localhost:${port}`
  log(`starting the store on ${base} (medusa start, admin disabled)`)
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js"), "start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      ADMIN_DISABLED: "true",
      NODE_ENV: "development",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  })
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig)
    } catch {
      // already gone
    }
  }
  // the next database's server takes the same port: wait until this one is gone
  const stop = async () => {
    signal("SIGTERM")
    if ((await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)])) === false) {
      signal("SIGKILL")
      await exited
    }
  }
  process.on("exit", () => signal("SIGTERM"))
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      throw new Error("the server exited before it was ready")
    }
    try {
      const res = await fetch(`${base}/health`)
      if (res.ok) {
        return { base, pid: child.pid!, rss: () => treeRssMb(child.pid!), drain: () => drain(dbUrl, child.pid!), stop }
      }
    } catch {
      // not up yet
    }
    await sleep(1000)
  }
  await stop()
  throw new Error("the server did not become healthy in 10 minutes")
}

/** POST without a response timeout; resolves with the body, rejects on a non-2xx status. */
export function postNoTimeout(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers }, (res) => {
      let body = ""
      res.setEncoding("utf8")
      res.on("data", (chunk) => (body += chunk))
      res.on("end", () =>
        (res.statusCode ?? 500) < 300
          ? resolve(body)
          : reject(new Error(`POST ${url}: ${res.statusCode} ${body.slice(0, 300)}`))
      )
    })
    req.on("error", reject)
    req.end()
  })
}

export type Probe = { method?: string; path: string; headers: Record<string, string>; body?: string }

/** One request before measuring; throws unless it succeeds. Returns the parsed body. */
export async function probe(base: string, p: Probe, log: (m: string) => void): Promise<any> {
  const t0 = Date.now()
  const res = await fetch(`${base}${p.path}`, { method: p.method ?? "GET", headers: p.headers, body: p.body })
  const body = await res.text()
  log(`probe ${p.method ?? "GET"} ${p.path.slice(0, 60)} -> ${res.status} in ${Date.now() - t0} ms`)
  if (!res.ok) {
    throw new Error(`probe failed: ${body.slice(0, 500)}`)
  }
  return JSON.parse(body)
}

export type Measured = {
  result: any
  times: number[]
  rssBefore: number
  rssPeak: number
  rssAfter: number
  load: string
}

/** The machine's 1-minute load average: the benchmarks share it with whatever else runs. */
const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]

/**
 * Runs autocannon and keeps every response time (autocannon's own summary has no p95), sampling the
 * server's memory once a second. `rssAfter` is read once the requests left in flight have finished.
 */
export async function measure(store: Store, opts: Record<string, unknown>): Promise<Measured> {
  const rssBefore = store.rss()
  const loadBefore = loadAverage()
  let rssPeak = rssBefore
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, store.rss())), 1000)
  const times: number[] = []
  try {
    const result = await new Promise<any>((resolve, reject) => {
      const instance = autocannon(opts, (err: Error | null, r: any) => (err ? reject(err) : resolve(r)))
      instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
        times.push(responseTime)
      })
    })
    // autocannon stops at the deadline and drops the requests in flight, which the server still
    // answers: the next run must not queue behind them
    const load = `${loadBefore}-${loadAverage()}`
    await store.drain()
    return { result, times, rssBefore, rssPeak, rssAfter: store.rss(), load }
  } finally {
    clearInterval(sampler)
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) {
    return 0
  }
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return Math.round(sorted[Math.max(0, idx)] * 10) / 10
}

export type Row = ReturnType<typeof summarize>

/**
 * Percentiles over every response (2xx or not). Errors: `failed` = connection errors other than
 * timeouts, `timeouts` (autocannon counts these in `errors` too), `non2xx` with their status codes.
 */
export function summarize(name: string, m: Measured) {
  const r = m.result
  const sorted = [...m.times].sort((a, b) => a - b)
  const codes = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, s]) => `${code} x${(s as { count: number }).count}`)
  return {
    name,
    requests: sorted.length,
    rps: Math.round((sorted.length / r.duration) * 10) / 10,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    failed: r.errors - r.timeouts,
    timeouts: r.timeouts,
    non2xx: r.non2xx ?? 0,
    codes: codes.join(", "),
    errors: r.errors + (r.non2xx ?? 0),
    rssBefore: m.rssBefore,
    rssPeak: m.rssPeak,
    rssAfter: m.rssAfter,
    load: m.load,
  }
}

/** The result table: one line per measured route, same columns for every benchmark. */
export function formatTable(rows: Row[]): string {
  const cols: [string, number, (r: Row) => unknown][] = [
    ["route", 34, (r) => r.name],
    ["requests", 10, (r) => r.requests],
    ["req/s", 8, (r) => r.rps],
    ["p50 ms", 9, (r) => r.p50],
    ["p95 ms", 9, (r) => r.p95],
    ["p99 ms", 9, (r) => r.p99],
    ["errors", 8, (r) => r.errors],
    ["(failed/timeouts/non-2xx)", 27, (r) => `${r.failed}/${r.timeouts}/${r.non2xx}${r.codes ? ` (${r.codes})` : ""}`],
    ["RSS MB before/peak/after", 26, (r) => `${r.rssBefore}/${r.rssPeak}/${r.rssAfter}`],
    ["load avg start-end", 0, (r) => r.load],
  ]
  const line = (cells: unknown[]) => cells.map((c, i) => String(c).padEnd(cols[i][1])).join("")
  return [line(cols.map((c) => c[0])), ...rows.map((r) => line(cols.map((c) => c[2](r))))].join("\n")
}

/** What every HTTP bench's run on one database reports to the cost curve. */
export type CurveRun = { counts: StoreCounts; load: string }

/** A percentile or rate of a run; undefined when the run finished no request in its window (not 0 ms). */
export const figure = (row: Row | undefined, k: "p50" | "p95" | "rps") => (row?.requests ? row[k] : undefined)

/** a / b, undefined when either is missing. */
export const ratioOf = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined)

/**
 * Core `GET /store/products?limit=12`, then the bench's route (autocannon options without connections,
 * duration and timeout), each at one connection for `seconds`: what one request costs at this size,
 * without the queueing of 50 connections. Two rows; none when `seconds` is 0.
 */
export async function measureSerial(
  store: Store,
  seconds: number,
  publishableKey: string,
  route: { label: string; opts: Record<string, unknown> },
  log: (m: string) => void
): Promise<Row[]> {
  if (seconds <= 0) {
    return []
  }
  log(`both routes again at 1 connection, ${seconds} s each`)
  const once = { connections: 1, duration: seconds, timeout: 30 }
  const core = await measure(store, {
    url: `${store.base}/store/products?limit=12`,
    headers: { "x-publishable-api-key": publishableKey },
    ...once,
  })
  const routed = await measure(store, { ...route.opts, ...once })
  return [summarize("  (core, 1 connection)", core), summarize(`  (${route.label}, 1 connection)`, routed)]
}

/** One row of an HTTP bench's cost curve: its value read from each database's run. */
export type CurveRowSpec<R> = Omit<CostCurveRow, "values"> & { value: (r: R) => number | undefined }

/**
 * The rows every "route against core" bench prints: both routes' p50, p95 and rate at 50 connections,
 * the p95 ratio, the errors, and both p50s at one connection with their ratio.
 */
export function routeVsCoreRows<R>(
  route: string,
  pick: (r: R) => { core: Row; route: Row; serialCore?: Row; serialRoute?: Row }
): CurveRowSpec<R>[] {
  return [
    { name: "core /store/products p50", value: (x) => figure(pick(x).core, "p50"), unit: "ms" },
    { name: "core /store/products p95", value: (x) => figure(pick(x).core, "p95"), unit: "ms" },
    { name: "core req/s", value: (x) => figure(pick(x).core, "rps"), digits: 1 },
    { name: `${route} p50`, value: (x) => figure(pick(x).route, "p50"), unit: "ms" },
    { name: `${route} p95`, value: (x) => figure(pick(x).route, "p95"), unit: "ms" },
    { name: `${route} req/s`, value: (x) => figure(pick(x).route, "rps"), digits: 1 },
    {
      name: `ratio p95 ${route} / core`,
      value: (x) => ratioOf(figure(pick(x).route, "p95"), figure(pick(x).core, "p95")),
      unit: "x",
    },
    { name: "errors (both routes)", value: (x) => pick(x).core.errors + pick(x).route.errors, fit: false },
    { name: "core, 1 connection, p50", value: (x) => figure(pick(x).serialCore, "p50"), unit: "ms" },
    { name: `${route}, 1 connection, p50`, value: (x) => figure(pick(x).serialRoute, "p50"), unit: "ms" },
    {
      name: `ratio 1 connection p50 ${route} / core`,
      value: (x) => ratioOf(figure(pick(x).serialRoute, "p50"), figure(pick(x).serialCore, "p50")),
      unit: "x",
    },
  ]
}

/**
 * The cost curve of an HTTP bench run on several databases: the data per size, then one row per figure
 * (values from `rows`), the exponent k of cost ~ lines^k and the fitted value at 10M lines.
 */
export function printCurve<R extends CurveRun>(runs: { db: string; result: R }[], rows: CurveRowSpec<R>[]) {
  const r = runs.map((x) => x.result)
  process.stdout.write(
    [
      "",
      `## Cost curve (${runs.map((x) => x.db).join(", ")})`,
      "",
      `| data | ${runs.map((x) => x.db).join(" | ")} |`,
      `| --- | ${runs.map(() => "---").join(" | ")} |`,
      `| products / customers / lines | ${r.map((x) => `${x.counts.products} / ${x.counts.customers} / ${x.counts.lines}`).join(" | ")} |`,
      `| load average (1 min), start-end of the run | ${r.map((x) => x.load).join(" | ")} |`,
      "",
      costCurveTable({
        sizes: r.map((x) => x.counts.lines),
        projectTo: { size: 10_000_000 },
        rows: rows.map(({ value, ...row }) => ({ ...row, values: r.map((x) => value(x) ?? null) })),
      }),
      "",
      "k: least-squares slope of log(cost) on log(lines); r² in log space; the last column is a * (10M)^k.",
      "",
    ].join("\n")
  )
}
