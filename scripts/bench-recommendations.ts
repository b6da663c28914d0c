/**
 * `npm run bench:recommendations`: latency of GET /store/recommendations against core
 * GET /store/products?limit=12, measured in the same run with autocannon (50 connections each).
 *
 *   npm run bench:recommendations -- [--db personalization_bench] [--duration 20] [--connections 50] [--port 9123] [--rebuild no] [--reference no] [--serial 10]
 *   npm run bench:recommendations -- --dbs personalization_bench_250k,personalization_bench_500k,personalization_bench --rebuild no --clone yes
 *
 * Starts the host store (`medusa start`: no file watcher, admin disabled) on the benchmark database built by
 * `npm run bench:setup`, rebuilds product_affinity through the admin API, then runs
 * 1. core `GET /store/products?limit=12` (anonymous), and
 * 2. `GET /store/recommendations?limit=12` cycling home (anonymous), home (logged-in customers
 *    with orders), product (best sellers' pages) — same connections, same duration;
 * 3. for reference (skip with `--reference no`), logged-in customers alone (never cached);
 * 4. both routes of 1 and 2 at one connection for `--serial` seconds each (0 skips): the cost of one
 *    request without queueing.
 * Prints p50/p95/p99, errors and the server's memory per run.
 * Target: recommendations p95 <= 1.2 x core p95, 0 errors.
 * Cost curve: `--dbs A,B,C` runs everything on each database in turn (one server each), then prints each
 * figure per size (order lines) with the exponent k of cost ~ lines^k; `--clone yes` runs on copies.
 */
import { forEachDb, loadAverage } from "./lib/bench-dbs"
import {
  BENCH_DEFAULTS,
  BenchOpts,
  Row,
  CurveRun,
  adminToken,
  benchDbs,
  figure,
  printCurve,
  ratioOf,
  routeVsCoreRows,
  customerToken,
  formatTable,
  logger,
  measure,
  measureSerial,
  openBenchDb,
  parseArgs,
  postNoTimeout,
  probe,
  startStore,
  summarize,
} from "./lib/bench-http"

const log = logger("bench:recommendations")

type Opts = BenchOpts & { rebuild: string; reference: string }

/** One database's run: the table's rows and what the curve needs. */
type Run = CurveRun & {
  core: Row
  recs: Row
  loggedIn?: Row
  serialCore?: Row
  serialRecs?: Row
  rssIdle: number
  load: string
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), { ...BENCH_DEFAULTS, rebuild: "yes", reference: "yes" }) as Opts
  const { dbs, clone, adminUrl } = benchDbs(opts)
  const runs = await forEachDb(dbs, { clone, adminUrl, log }, (db) => runOne({ ...opts, db }))
  if (runs.length > 1) {
    curve(runs)
  }
  const pass = runs.every(
    ({ result: r }) => r.recs.p95 / (r.core.p95 || 1) <= 1.2 && r.core.errors + r.recs.errors === 0
  )
  process.exitCode = pass ? 0 : 1
}

/** Every figure per size (order lines), the exponent of cost ~ lines^k, and the fitted value at 10M lines. */
function curve(runs: { db: string; result: Run }[]) {
  printCurve(runs, [
    ...routeVsCoreRows<Run>("/store/recommendations", (x) => ({
      core: x.core,
      route: x.recs,
      serialCore: x.serialCore,
      serialRoute: x.serialRecs,
    })),
    { name: "logged-in only p95 (reference)", value: (x) => figure(x.loggedIn, "p95"), unit: "ms" },
    {
      name: "ratio logged-in p95 / core",
      value: (x) => ratioOf(figure(x.loggedIn, "p95"), figure(x.core, "p95")),
      unit: "x",
    },
    { name: "server RSS after start", value: (x) => x.rssIdle, unit: "MB" },
    { name: "server RSS peak (recommendations run)", value: (x) => x.recs.rssPeak, unit: "MB" },
  ])
}

async function runOne(opts: Opts): Promise<Run> {
  const loadStart = loadAverage()
  const { pg, url, publishableKey: pk, store: storeSize, counts } = await openBenchDb(opts, log)
  const { rows: buyers } = await pg.query(
    `SELECT customer_id FROM "order" WHERE customer_id IS NOT NULL AND deleted_at IS NULL GROUP BY customer_id ORDER BY min(id) LIMIT 500`
  )
  const store = await startStore(url, opts.port, log)
  const base = store.base
  try {
    const rssIdle = store.rss()
    log(`server RSS after start: ${rssIdle} MB`)
    const { rows: existing } = await pg.query(`SELECT count(*)::int AS n FROM product_affinity`)
    if (opts.rebuild === "no" && existing[0].n > 0) {
      log(`--rebuild no: using the existing product_affinity (${existing[0].n} rows)`)
    } else {
      const t = Date.now()
      // node:http, not fetch: a full rebuild can outlast fetch's 300 s header timeout
      const body = await postNoTimeout(`${base}/admin/recommendations/rebuild`, {
        authorization: `Bearer ${adminToken()}`,
      })
      log(`rebuilt product_affinity in ${((Date.now() - t) / 1000).toFixed(1)} s: ${body}`)
    }
    const { rows: popular } = await pg.query(
      `SELECT product_id FROM product_affinity WHERE product_id = related_product_id ORDER BY customer_count DESC LIMIT 200`
    )
    const tokens = buyers.map((b: { customer_id: string }) => customerToken(b.customer_id))
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
        path: pid
          ? `/store/recommendations?placement=product&product_id=${pid}&limit=12`
          : "/store/recommendations?placement=home&limit=12",
        headers: { "x-publishable-api-key": pk },
      }
    }
    // sanity: one request of each kind must succeed before measuring
    for (const p of [
      { path: "/store/products?limit=12", headers: { "x-publishable-api-key": pk } },
      recPaths(),
      recPaths(),
      recPaths(),
    ]) {
      await probe(base, p, log)
    }
    i = 0
    // warm-up: caches and JIT for both routes
    await measure(store, {
      url: `${base}/store/products?limit=12`,
      connections: 10,
      duration: 5,
      headers: { "x-publishable-api-key": pk },
    })
    await measure(store, {
      url: base,
      connections: 10,
      duration: 5,
      requests: [{ setupRequest: (req: any) => ({ ...req, ...recPaths() }) }],
    })

    log(`core GET /store/products?limit=12: ${opts.connections} connections, ${opts.duration} s`)
    const core = await measure(store, {
      url: `${base}/store/products?limit=12`,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 30,
      headers: { "x-publishable-api-key": pk },
    })
    log(
      `GET /store/recommendations (home anonymous / home logged-in / product page): ${opts.connections} connections, ${opts.duration} s`
    )
    const recs = await measure(store, {
      url: base,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 30,
      requests: [{ setupRequest: (req: any) => ({ ...req, ...recPaths() }) }],
    })
    const rows = [summarize("GET /store/products?limit=12", core), summarize("GET /store/recommendations", recs)]
    let loggedInRow: Row | undefined
    if (opts.reference !== "no") {
      // Not part of the target: logged-in customers alone (never cached, full engine per request).
      log(
        `GET /store/recommendations, logged-in customers only (for reference): ${opts.connections} connections, ${opts.duration} s`
      )
      let j = 0
      const loggedIn = await measure(store, {
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
      loggedInRow = summarize("  (logged-in only, reference)", loggedIn)
      rows.push(loggedInRow)
    }
    i = 0
    const serial = await measureSerial(
      store,
      opts.serial,
      pk,
      {
        label: "recommendations",
        opts: { url: base, requests: [{ setupRequest: (req: any) => ({ ...req, ...recPaths() }) }] },
      },
      log
    )
    rows.push(...serial)
    const ratio = rows[1].p95 / (rows[0].p95 || 1)
    const errors = rows[0].errors + rows[1].errors
    process.stdout.write(
      [
        "",
        `store (${opts.db}): ${storeSize}; ${opts.connections} connections, ${opts.duration} s per route; server RSS after start ${rssIdle} MB`,
        formatTable(rows),
        "",
        `recommendations / core: p50 ${(rows[1].p50 / (rows[0].p50 || 1)).toFixed(2)}, p95 ${ratio.toFixed(2)} (target <= 1.2), p99 ${(rows[1].p99 / (rows[0].p99 || 1)).toFixed(2)}; errors ${errors} (target 0)`,
        ...(loggedInRow
          ? [
              `logged-in only p95 / core p95 = ${(loggedInRow.p95 / (rows[0].p95 || 1)).toFixed(2)} (reference: anonymous lists are cached for cache_ttl_seconds)`,
            ]
          : []),
        ...(serial.length
          ? [`1 connection: recommendations / core p50 ${(serial[1].p50 / (serial[0].p50 || 1)).toFixed(2)}`]
          : []),
        "",
      ].join("\n")
    )
    return {
      counts,
      core: rows[0],
      recs: rows[1],
      loggedIn: loggedInRow,
      serialCore: serial[0],
      serialRecs: serial[1],
      rssIdle,
      load: `${loadStart.toFixed(1)}-${loadAverage().toFixed(1)}`,
    }
  } finally {
    await pg.end()
    await store.stop()
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:recommendations] ${e?.stack ?? e}\n`)
  process.exit(1)
})
