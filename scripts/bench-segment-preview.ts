/**
 * `npm run bench:segment-preview`: latency of POST /admin/segments/preview against core
 * GET /store/products?limit=12, measured in the same run with autocannon (50 connections each).
 *
 *   npm run bench:segment-preview -- [--db personalization_bench] [--duration 20] [--connections 50] [--port 9123] [--serial 10]
 *   npm run bench:segment-preview -- --dbs personalization_bench_250k,personalization_bench_500k,personalization_bench --clone yes
 *
 * Starts the host store (`medusa start`: no file watcher, admin disabled) on the benchmark database built by
 * `npm run bench:setup`, then runs
 * 1. core `GET /store/products?limit=12` (anonymous), and
 * 2. `POST /admin/segments/preview` (admin bearer JWT) with the seed segment "3+ orders in the last
 *    90 days and average order value above 150" in the store's main currency, 20 samples —
 *    same connections, same duration.
 * The benchmark's orders end in the past: the 90-day window is widened to reach back to 90 days before
 * the store's last order, so the preview reads the same orders as on a store whose last order is today.
 * `segment_order_fact` is vacuumed and analyzed first, as autovacuum would have done.
 * Then both routes at one connection for `--serial` seconds each (0 skips): the cost of one request
 * without queueing. Prints p50/p95/p99, errors and the server's memory per run. Target: 0 errors.
 * Cost curve: `--dbs A,B,C` runs everything on each database in turn (one server each), then prints each
 * figure per size (order lines) with the exponent k of cost ~ lines^k; `--clone yes` runs on copies (the
 * bench vacuums segment_order_fact).
 */
import { forEachDb, loadAverage } from "./lib/bench-dbs"
import {
  BENCH_DEFAULTS,
  BenchOpts,
  Row,
  CurveRun,
  adminToken,
  benchDbs,
  printCurve,
  routeVsCoreRows,
  formatTable,
  logger,
  measure,
  measureSerial,
  openBenchDb,
  parseArgs,
  probe,
  startStore,
  summarize,
} from "./lib/bench-http"

const log = logger("bench:segment-preview")
const DAY = 24 * 3600 * 1000

/** One database's run: the table's rows and what the curve needs. */
type Run = CurveRun & {
  matched: number
  tookMs: number
  core: Row
  previews: Row
  serialCore?: Row
  serialPreviews?: Row
  rssIdle: number
  load: string
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), BENCH_DEFAULTS)
  const { dbs, clone, adminUrl } = benchDbs(opts)
  const runs = await forEachDb(dbs, { clone, adminUrl, log }, (db) => runOne({ ...opts, db }))
  if (runs.length > 1) {
    curve(runs)
  }
  process.exitCode = runs.every(({ result: r }) => r.core.errors + r.previews.errors === 0) ? 0 : 1
}

/** Every figure per size (order lines), the exponent of cost ~ lines^k, and the fitted value at 10M lines. */
function curve(runs: { db: string; result: Run }[]) {
  printCurve(runs, [
    { name: "customers matched", value: (x) => x.matched },
    { name: "one preview alone (took_ms)", value: (x) => x.tookMs, unit: "ms" },
    ...routeVsCoreRows<Run>("preview", (x) => ({
      core: x.core,
      route: x.previews,
      serialCore: x.serialCore,
      serialRoute: x.serialPreviews,
    })),
    { name: "server RSS peak (preview run)", value: (x) => x.previews.rssPeak, unit: "MB" },
  ])
}

async function runOne(opts: BenchOpts): Promise<Run> {
  const loadStart = loadAverage()
  const { pg, url, publishableKey: pk, store: storeSize, counts } = await openBenchDb(opts, log)
  const { rows: currencies } = await pg.query(
    `SELECT currency_code, count(*)::int AS orders, max(ordered_at) AS last FROM segment_order_fact
      WHERE NOT canceled GROUP BY currency_code ORDER BY count(*) DESC LIMIT 1`
  )
  if (!currencies.length) {
    throw new Error(`segment_order_fact is empty in ${opts.db}: run npm run bench:setup (the import fills it)`)
  }
  // what autovacuum does on a store that runs it (the benchmark server may not): without it the
  // evaluation cannot use its covering index (index-only scan) and sorts every fact on disk
  const t = Date.now()
  await pg.query(`VACUUM ANALYZE segment_order_fact`)
  log(`vacuum analyze segment_order_fact: ${Date.now() - t} ms`)
  const { currency_code, orders, last } = currencies[0]
  const windowDays = Math.ceil((Date.now() - (new Date(last).getTime() - 90 * DAY)) / DAY)
  log(
    `currency ${currency_code} (${orders} orders), last order ${new Date(last).toISOString()}: 90 days before it = window_days ${windowDays}`
  )
  const body = JSON.stringify({
    currency_code,
    rules: {
      type: "all",
      conditions: [
        { type: "condition", attribute: "order_count", operator: "gte", value: 3, window_days: windowDays },
        { type: "condition", attribute: "average_order_value", operator: "gt", value: 150 },
      ],
    },
  })
  const admin = { authorization: `Bearer ${adminToken()}`, "content-type": "application/json" }

  const store = await startStore(url, opts.port, log)
  const base = store.base
  try {
    const rssIdle = store.rss()
    log(`server RSS after start: ${rssIdle} MB`)
    await probe(base, { path: "/store/products?limit=12", headers: { "x-publishable-api-key": pk } }, log)
    const { preview } = await probe(
      base,
      { method: "POST", path: "/admin/segments/preview", headers: admin, body },
      log
    )
    log(
      `preview: ${preview.count} of ${preview.total_customers} customers match, ${preview.samples.length} samples, ${preview.took_ms} ms`
    )
    if (!preview.count) {
      throw new Error("the preview matches nobody: not a realistic load")
    }
    // warm-up: caches and JIT for both routes
    await measure(store, {
      url: `${base}/store/products?limit=12`,
      connections: 10,
      duration: 5,
      headers: { "x-publishable-api-key": pk },
    })
    await measure(store, {
      url: `${base}/admin/segments/preview`,
      method: "POST",
      body,
      headers: admin,
      connections: 10,
      duration: 5,
    })

    log(`core GET /store/products?limit=12: ${opts.connections} connections, ${opts.duration} s`)
    const core = await measure(store, {
      url: `${base}/store/products?limit=12`,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 30,
      headers: { "x-publishable-api-key": pk },
    })
    log(`POST /admin/segments/preview: ${opts.connections} connections, ${opts.duration} s`)
    const previews = await measure(store, {
      url: `${base}/admin/segments/preview`,
      method: "POST",
      body,
      headers: admin,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 30,
    })
    const rows = [summarize("GET /store/products?limit=12", core), summarize("POST /admin/segments/preview", previews)]
    const serial = await measureSerial(
      store,
      opts.serial,
      pk,
      { label: "preview", opts: { url: `${base}/admin/segments/preview`, method: "POST", body, headers: admin } },
      log
    )
    const errors = rows[0].errors + rows[1].errors
    const ratio = (k: "p50" | "p95" | "p99") => (rows[1][k] / (rows[0][k] || 1)).toFixed(2)
    process.stdout.write(
      [
        "",
        `store (${opts.db}): ${storeSize}; ${opts.connections} connections, ${opts.duration} s per route; server RSS after start ${rssIdle} MB`,
        `preview: ${preview.count} of ${preview.total_customers} customers match`,
        formatTable([...rows, ...serial]),
        "",
        `segment preview / core: p50 ${ratio("p50")}, p95 ${ratio("p95")}, p99 ${ratio("p99")}; errors ${errors} (target 0)`,
        ...(serial.length
          ? [`1 connection: preview / core p50 ${(serial[1].p50 / (serial[0].p50 || 1)).toFixed(2)}`]
          : []),
        "",
      ].join("\n")
    )
    return {
      counts,
      matched: preview.count,
      tookMs: preview.took_ms,
      core: rows[0],
      previews: rows[1],
      serialCore: serial[0],
      serialPreviews: serial[1],
      rssIdle,
      load: `${loadStart.toFixed(1)}-${loadAverage().toFixed(1)}`,
    }
  } finally {
    await pg.end()
    await store.stop()
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:segment-preview] ${e?.stack ?? e}\n`)
  process.exit(1)
})
