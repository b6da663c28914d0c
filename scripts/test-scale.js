#!/usr/bin/env node
// `npm run test:scale`: the plugin under scale-out, for real. Two server instances
// (MEDUSA_WORKER_MODE=server) and one worker (MEDUSA_WORKER_MODE=worker) of the host store on one
// fresh PostgreSQL database, sharing Medusa's Redis modules (event bus, workflow engine, locking,
// caching: medusa-config.ts registers them when REDIS_URL is set). Orders go through the store API
// on both servers; then it checks in the database and the admin API that segment membership,
// segment_order_fact, co-purchase counts and objective snapshots were each written exactly once,
// that a recommendation rule changed on one server is served by the other on the next request,
// and that SIGKILLing the worker mid segment evaluation leaves the previous membership intact and
// the next run completes it. One PASS/FAIL line per check; exit 1 on any failure.
// docs/reliability.md ("Scale-out") says what each check shows and the measured numbers.
//
// PostgreSQL: DB_* settings, else localhost:5432, else embedded (scripts/lib/postgres.js).
// Redis: REDIS_URL, else localhost:6379 (an empty logical database, flushed at the end), else a
// redis-server started here on a free port. Logs of every process: .cache/scale/*.log.
const { spawn } = require("child_process")
const fs = require("fs")
const net = require("net")
const path = require("path")
const { Client } = require("pg")
const { resolvePostgres, ensureDatabase, ROOT } = require("./lib/postgres")
const { medusa } = require("./lib/medusa")

const STARTED = Date.now()
const LOGS = path.join(ROOT, ".cache", "scale")
const DB = `personalization_scale_${process.pid}`
const CUSTOMERS = Number(process.env.SCALE_CUSTOMERS || 12)
// Scheduled jobs run only on the worker. The snapshot job every 10 s, so a run sees several ticks;
// segment evaluation never in the first phase (the order.placed subscriber alone keeps membership),
// every 5 s from the kill phase on.
const SNAPSHOT_EVERY_S = 10
const SNAPSHOT_SCHEDULE = `*/${SNAPSHOT_EVERY_S} * * * * *`
const NEVER = "0 0 1 1 *"
const EVALUATE_SCHEDULE = "*/5 * * * * *"

const results = []
const children = new Set()
let cleanupTasks = []

function log(msg) {
  const s = ((Date.now() - STARTED) / 1000).toFixed(1).padStart(6)
  process.stdout.write(`[scale ${s}s] ${msg}\n`)
}

function check(name, ok, detail = "") {
  results.push({ name, ok })
  process.stdout.write(`${ok ? "PASS" : "FAIL"} ${name}${detail ? ` (${detail})` : ""}\n`)
  return ok
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function waitUntil(what, fn, { timeoutMs = 60000, everyMs = 500 } = {}) {
  const until = Date.now() + timeoutMs
  let last
  while (Date.now() < until) {
    last = await fn()
    if (last) return last
    await sleep(everyMs)
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

// ---------------------------------------------------------------- Redis

async function redisAnswers(url) {
  const Redis = require("ioredis")
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1500,
  })
  r.on("error", () => {})
  try {
    await r.connect()
    return (await r.ping()) === "PONG" ? r : null
  } catch {
    r.disconnect()
    return null
  }
}

/** A Redis URL nobody else is using: REDIS_URL, an empty database on :6379, or our own server. */
async function resolveRedis() {
  if (process.env.REDIS_URL) {
    log(`Redis: REDIS_URL as given`)
    return { url: process.env.REDIS_URL, stop: async () => {} }
  }
  const shared = await redisAnswers("redis://127.0.0.1:6379")
  if (shared) {
    // BullMQ queue names are fixed: a database of our own keeps other stores' events out of our worker.
    for (let db = 15; db >= 1; db--) {
      await shared.select(db)
      if ((await shared.dbsize()) === 0) {
        shared.disconnect()
        const url = `redis://127.0.0.1:6379/${db}`
        log(`Redis: localhost:6379, empty database ${db}`)
        return {
          url,
          stop: async () => {
            const r = await redisAnswers(url)
            if (r) {
              await r.flushdb()
              r.disconnect()
            }
          },
        }
      }
    }
    shared.disconnect()
    log("Redis: localhost:6379 has no empty database; starting our own")
  }
  const port = await freePort()
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", fs.openSync(path.join(LOGS, "redis.log"), "w"), "inherit"],
    }
  )
  child.on("error", (e) => log(`redis-server could not start: ${e.message} (install redis-server or set REDIS_URL)`))
  const url = `redis://127.0.0.1:${port}`
  await waitUntil("redis-server", () => redisAnswers(url).then((r) => (r ? (r.disconnect(), true) : false)), {
    timeoutMs: 10000,
  })
  log(`Redis: started redis-server on 127.0.0.1:${port}`)
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM")
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)))
    },
  }
}

/** Events waiting for or in processing on Medusa's Redis event bus (its BullMQ queue). */
async function eventsPending(url) {
  const { Queue } = require("bullmq")
  const Redis = require("ioredis")
  const connection = new Redis(url, { maxRetriesPerRequest: null })
  const queue = new Queue("events-queue", { prefix: "RedisEventBusService", connection })
  try {
    const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children")
    return Object.values(counts).reduce((s, n) => s + n, 0)
  } finally {
    await queue.close()
    connection.disconnect()
  }
}

// ---------------------------------------------------------------- Medusa processes

function runMedusa(name, args, env) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(path.join(LOGS, `${name}.log`), "w")
    const child = medusa(args, { env, stdio: ["ignore", out, out] })
    child.on("error", reject)
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`medusa ${args.join(" ")} exited with ${code}; see .cache/scale/${name}.log`))
    )
  })
}

/** `medusa start` on 127.0.0.1 in its own process group, so the whole instance can be signalled. */
function startInstance(name, port, env) {
  const out = fs.openSync(path.join(LOGS, `${name}.log`), "a")
  const child = medusa(["start", "-H", "127.0.0.1", "-p", String(port)], {
    env,
    stdio: ["ignore", out, out],
    detached: true,
  })
  const inst = { name, port, child, base: `http://127.0.0.1:${port}`, exited: false }
  children.add(inst)
  child.on("exit", () => {
    inst.exited = true
    children.delete(inst)
  })
  return inst
}

async function waitHealthy(inst, timeoutMs = 180000) {
  await waitUntil(
    `${inst.name} /health`,
    async () => {
      if (inst.exited) throw new Error(`${inst.name} exited while starting; see .cache/scale/${inst.name}.log`)
      try {
        return (await fetch(`${inst.base}/health`)).ok
      } catch {
        return false
      }
    },
    { timeoutMs, everyMs: 1000 }
  )
}

function signal(inst, sig) {
  try {
    process.kill(-inst.child.pid, sig)
  } catch {
    // already gone
  }
}

async function stopInstance(inst, sig = "SIGTERM", graceMs = 15000) {
  if (inst.exited) return
  const exited = new Promise((r) => inst.child.once("exit", r))
  signal(inst, sig)
  const t = setTimeout(() => signal(inst, "SIGKILL"), graceMs)
  await exited
  clearTimeout(t)
}

// ---------------------------------------------------------------- HTTP

async function http(base, method, p, { body, headers = {} } = {}) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  let json
  try {
    json = text ? JSON.parse(text) : {}
  } catch {
    json = { raw: text }
  }
  if (!res.ok) {
    throw new Error(`${method} ${base}${p} -> ${res.status} ${text.slice(0, 400)}`)
  }
  return json
}

/** Registers a customer through the store API and returns store headers carrying its token. */
async function registerCustomer(base, pk, email) {
  const password = "scale-secret"
  const { token: regToken } = await http(base, "POST", "/auth/customer/emailpass/register", {
    body: { email, password },
  })
  const { customer } = await http(base, "POST", "/store/customers", {
    body: { email, first_name: email.split("@")[0], last_name: "Scale" },
    headers: { authorization: `Bearer ${regToken}`, "x-publishable-api-key": pk },
  })
  const { token } = await http(base, "POST", "/auth/customer/emailpass", { body: { email, password } })
  return { id: customer.id, email, headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": pk } }
}

/** A whole store-API checkout: cart, items, address, shipping, payment session (pp_system_default), complete. */
async function checkout(base, seed, customer, productNames) {
  const h = { headers: customer.headers }
  const { cart } = await http(base, "POST", "/store/carts", {
    ...h,
    body: {
      region_id: seed.region_id,
      items: productNames.map((n) => ({ variant_id: seed.products[n].variant_id, quantity: 1 })),
    },
  })
  const address = {
    first_name: "Scale",
    last_name: "Test",
    address_1: "1 Test St",
    city: "London",
    postal_code: "N1 1AA",
    country_code: "gb",
  }
  await http(base, "POST", `/store/carts/${cart.id}`, {
    ...h,
    body: { email: customer.email, shipping_address: address, billing_address: address },
  })
  const { shipping_options } = await http(base, "GET", `/store/shipping-options?cart_id=${cart.id}`, h)
  if (!shipping_options.length) throw new Error(`no shipping option for cart ${cart.id}`)
  await http(base, "POST", `/store/carts/${cart.id}/shipping-methods`, {
    ...h,
    body: { option_id: shipping_options[0].id },
  })
  const { payment_collection } = await http(base, "POST", "/store/payment-collections", {
    ...h,
    body: { cart_id: cart.id },
  })
  await http(base, "POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
    ...h,
    body: { provider_id: "pp_system_default" },
  })
  const done = await http(base, "POST", `/store/carts/${cart.id}/complete`, h)
  if (done.type !== "order") throw new Error(`cart ${cart.id} did not complete: ${JSON.stringify(done).slice(0, 300)}`)
  return done.order
}

// ---------------------------------------------------------------- the test

/**
 * Who buys what: customer i buys two or three products from a fixed rotation; every third
 * customer orders a second time (on the other server) with an overlapping basket, so co-purchase
 * counts have repeat buyers whose second order must add only the new pairs.
 */
function orderPlan(n) {
  const P = ["lamp", "shade", "bulb", "vase", "mug"]
  const plan = []
  for (let i = 0; i < n; i++) {
    const first = [P[i % 5], P[(i + 1) % 5], ...(i % 2 ? [P[(i + 3) % 5]] : [])]
    plan.push({ customer: i, round: 0, items: first })
    if (i % 3 === 0) plan.push({ customer: i, round: 1, items: [P[(i + 1) % 5], P[(i + 2) % 5]] })
  }
  return plan
}

/**
 * Co-purchase counts recomputed here from the orders placed (customers who bought both; the
 * diagonal is buyers of the product), compared with product_affinity row by row.
 */
async function checkAffinity(q, placed, customers, seed) {
  const basket = new Map()
  for (const o of placed) {
    const cid = customers[o.customer].id
    if (!basket.has(cid)) basket.set(cid, new Set())
    for (const n of o.items) basket.get(cid).add(seed.products[n].id)
  }
  const expected = new Map()
  for (const items of basket.values()) {
    for (const a of items) for (const b of items) expected.set(`${a}|${b}`, (expected.get(`${a}|${b}`) || 0) + 1)
  }
  const rows = await q(
    `select product_id, related_product_id, customer_count, later_count from product_affinity where deleted_at is null`
  )
  const actual = new Map(rows.map((r) => [`${r.product_id}|${r.related_product_id}`, Number(r.customer_count)]))
  const diffs = [...new Set([...expected.keys(), ...actual.keys()])].filter((k) => expected.get(k) !== actual.get(k))
  const name = (id) => Object.keys(seed.products).find((n) => seed.products[n].id === id)
  const pair = (k) => k.split("|").map(name).join("+")
  const sum = [...actual.values()].reduce((s, v) => s + v, 0)
  return {
    ok: diffs.length === 0 && rows.every((r) => Number(r.later_count) === 0),
    detail:
      `${rows.length} pairs incl. diagonal, sum of customer_count ${sum}` +
      (diffs.length
        ? `; ${diffs.length} differ: ${diffs
            .slice(0, 4)
            .map((k) => `${pair(k)} expected ${expected.get(k) || 0} got ${actual.get(k) || 0}`)
            .join(", ")}`
        : ""),
  }
}

async function main() {
  fs.mkdirSync(LOGS, { recursive: true })
  let pgServer
  let redis
  let db
  let dbCreated = false

  const cleanup = async () => {
    await Promise.all([...children].map((inst) => stopInstance(inst, "SIGTERM", 10000).catch(() => {})))
    for (const t of cleanupTasks) await t().catch(() => {})
    if (db) await db.end().catch(() => {})
    if (redis) await redis.stop().catch(() => {})
    if (pgServer && dbCreated) {
      const admin = new Client({
        host: pgServer.host,
        port: pgServer.port,
        user: pgServer.user,
        password: pgServer.password,
        database: "postgres",
      })
      await admin.connect()
      await admin
        .query(`drop database if exists "${DB}" with (force)`)
        .catch((e) => log(`could not drop ${DB}: ${e.message}`))
      await admin.end()
    }
    if (pgServer) await pgServer.stop().catch(() => {})
  }
  let interrupted = false
  const onSignal = (sig) => {
    if (interrupted) return
    interrupted = true
    log(`${sig}: stopping everything`)
    cleanup().finally(() => process.exit(130))
  }
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)

  try {
    pgServer = await resolvePostgres({ name: "test-postgres", preferUrl: false })
    dbCreated = await ensureDatabase(pgServer, DB)
    const databaseUrl = pgServer.url(DB)
    redis = await resolveRedis()
    const baseEnv = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      NODE_ENV: "development",
      ADMIN_DISABLED: "true",
      MEDUSA_DISABLE_TELEMETRY: "true",
      LOG_LEVEL: process.env.LOG_LEVEL || "info",
      OBJECTIVE_SNAPSHOT_SCHEDULE: SNAPSHOT_SCHEDULE,
      SEGMENT_EVALUATE_SCHEDULE: NEVER,
      DATA_AUDIT_SCHEDULE: NEVER,
    }
    db = new Client({ connectionString: databaseUrl })
    await db.connect()
    const q = async (sql, params = []) => (await db.query(sql, params)).rows

    log(`database ${DB}: migrating`)
    await runMedusa("migrate", ["db:migrate"], baseEnv)
    // The instances boot while the seed runs: they need the schema, not the data.
    const [portA, portB, portW] = [await freePort(), await freePort(), await freePort()]
    log(`seeding; starting server A :${portA}, server B :${portB}, worker :${portW}`)
    const A = startInstance("server-a", portA, { ...baseEnv, MEDUSA_WORKER_MODE: "server" })
    const B = startInstance("server-b", portB, { ...baseEnv, MEDUSA_WORKER_MODE: "server" })
    let W = startInstance("worker-1", portW, { ...baseEnv, MEDUSA_WORKER_MODE: "worker" })
    const seedFile = path.join(LOGS, "seed.json")
    await runMedusa("seed", ["exec", "./scripts/test-scale/seed.ts"], { ...baseEnv, SCALE_SEED_OUT: seedFile })
    const seed = JSON.parse(fs.readFileSync(seedFile, "utf8"))
    const admin = { authorization: `Bearer ${seed.admin_token}` }
    const pk = seed.publishable_key
    log("seeded (region, channel, key, stock location, shipping option, products, admin)")
    await Promise.all([waitHealthy(A), waitHealthy(B), waitHealthy(W)])
    log("all three instances answer /health")

    // --- definitions made through the admin API, on different servers
    const { segment } = await http(A.base, "POST", "/admin/segments", {
      headers: admin,
      body: {
        name: "Scale buyers",
        status: "active",
        currency_code: "gbp",
        rules: {
          type: "all",
          conditions: [{ type: "condition", attribute: "order_count", operator: "gte", value: 1 }],
        },
      },
    })
    const { objective } = await http(B.base, "POST", "/admin/objectives", {
      headers: admin,
      body: {
        name: "Scale conversion",
        metric: "conversion_rate",
        currency_code: "gbp",
        status: "active",
        holdout_share: 0.5,
      },
    })
    await http(A.base, "POST", `/admin/objectives/${objective.id}/links`, {
      headers: admin,
      body: { segment_ids: { add: [segment.id] } },
    })
    const linkedAt = new Date()
    log(`segment ${segment.id} (order_count >= 1, active) on A; objective ${objective.id} (active, linked) on B`)

    // --- customers register and order through the store API, alternating servers, concurrently
    const servers = [A, B]
    const customers = await Promise.all(
      Array.from({ length: CUSTOMERS }, (_, i) => registerCustomer(servers[i % 2].base, pk, `c${i}@scale.test`))
    )
    const plan = orderPlan(CUSTOMERS)
    const orderStarted = Date.now()
    const placed = []
    for (const round of [0, 1]) {
      const batch = plan.filter((p) => p.round === round)
      const orders = await Promise.all(
        batch.map((p) => {
          const on = servers[(p.customer + round) % 2]
          return checkout(on.base, seed, customers[p.customer], p.items).then((o) => ({ ...p, id: o.id, on: on.name }))
        })
      )
      placed.push(...orders)
    }
    const orderSeconds = (Date.now() - orderStarted) / 1000
    const onA = placed.filter((o) => o.on === "server-a").length
    log(
      `${placed.length} orders placed by ${CUSTOMERS} customers in ${orderSeconds.toFixed(1)}s (${onA} on A, ${placed.length - onA} on B)`
    )
    check(
      "store API checkout on both servers",
      placed.length === plan.length && onA > 0 && onA < placed.length,
      `${placed.length} orders, ${onA} on A, ${placed.length - onA} on B, ${orderSeconds.toFixed(1)}s`
    )

    // --- the worker consumes order.placed once; wait until every order is in every read model, then hold still
    const orderIds = placed.map((o) => o.id)
    const buyers = [...new Set(placed.map((o) => customers[o.customer].id))].sort()
    const counts = async () =>
      (
        await q(
          `select
            (select count(*)::int from recommendation_processed_order where order_id = any($1)) as processed,
            (select count(*)::int from segment_order_fact where order_id = any($1) and deleted_at is null) as facts,
            (select count(*)::int from segment_membership where segment_id = $2 and exited_at is null and deleted_at is null) as members`,
          [orderIds, segment.id]
        )
      )[0]
    const eventsStarted = Date.now()
    await waitUntil(
      "order.placed to reach every read model",
      async () => {
        const c = await counts()
        return c.processed === orderIds.length && c.facts === orderIds.length && c.members === buyers.length
      },
      { timeoutMs: 90000 }
    ).catch((e) => log(e.message))
    const settledSeconds = (Date.now() - eventsStarted) / 1000
    await sleep(4000) // any duplicate delivery would land in this window
    const c = await counts()
    log(`read models caught up ${settledSeconds.toFixed(1)}s after the last order; re-checked 4s later`)

    // A duplicate delivery (a retried or redelivered event): every order.placed once more, through
    // the event bus from a separate process, consumed by the worker. The read models must not move.
    const fingerprint = async () => {
      const parts = []
      for (const sql of [
        `select order_id from recommendation_processed_order order by order_id`,
        `select order_id, customer_id, item_total, canceled from segment_order_fact where deleted_at is null order by order_id`,
        `select id, customer_id, entered_at, exited_at from segment_membership order by id`,
        `select product_id, related_product_id, customer_count, later_count, weight from product_affinity order by 1, 2`,
        `select id, member_count from segment order by id`,
      ]) {
        parts.push(await q(sql))
      }
      return JSON.stringify(parts)
    }
    const beforeReplay = await fingerprint()
    log(`replaying order.placed for all ${orderIds.length} orders`)
    await runMedusa("replay", ["exec", "./scripts/test-scale/replay-order-placed.ts"], {
      ...baseEnv,
      MEDUSA_WORKER_MODE: "server",
      SCALE_REPLAY_ORDERS: orderIds.join(","),
    })
    const drained = await waitUntil(
      "the worker to drain the event queue",
      async () => {
        const n = await eventsPending(redis.url)
        return n === 0
      },
      { timeoutMs: 60000 }
    ).catch((e) => (log(e.message), false))
    await sleep(1000)
    const afterReplay = await fingerprint()
    check(
      "order.placed delivered twice: read models unchanged",
      drained && afterReplay === beforeReplay,
      `${orderIds.length} events replayed and consumed; processed orders, facts, membership, affinity and member_count identical`
    )

    const processedRows = await q(
      `select order_id, count(*)::int as n from recommendation_processed_order group by order_id`
    )
    check(
      "recommendation_processed_order: each order processed exactly once",
      processedRows.length === orderIds.length &&
        processedRows.every((r) => r.n === 1 && orderIds.includes(r.order_id)),
      `${processedRows.length} rows for ${orderIds.length} orders`
    )
    const factRows = await q(
      `select order_id, count(*)::int as n, max(customer_id) as customer_id from segment_order_fact where deleted_at is null group by order_id`
    )
    const orderCustomer = new Map(placed.map((o) => [o.id, customers[o.customer].id]))
    check(
      "segment_order_fact: one row per order, for the right customer",
      factRows.length === orderIds.length &&
        factRows.every((r) => r.n === 1 && orderCustomer.get(r.order_id) === r.customer_id),
      `${factRows.length} rows for ${orderIds.length} orders`
    )
    const membership = await q(
      `select customer_id, count(*)::int as rows, count(*) filter (where exited_at is null)::int as open
       from segment_membership where segment_id = $1 and deleted_at is null group by customer_id order by customer_id`,
      [segment.id]
    )
    const [segRow] = await q(`select member_count from segment where id = $1`, [segment.id])
    check(
      "segment membership from order.placed: every buyer entered exactly once",
      membership.length === buyers.length &&
        membership.every((m, i) => m.customer_id === buyers[i] && m.rows === 1 && m.open === 1) &&
        Number(segRow.member_count) === buyers.length &&
        c.members === buyers.length,
      `${membership.length} members, ${membership.reduce((s, m) => s + m.rows, 0)} membership rows, member_count ${segRow.member_count}, ${buyers.length} buyers`
    )

    const affinity = await checkAffinity(q, placed, customers, seed)
    check(
      "product_affinity: co-purchase counts equal the orders' counts (no double count)",
      affinity.ok,
      affinity.detail
    )

    // --- objective snapshots: the scheduled job runs once per tick (one worker consumes it)
    await waitUntil(
      "two snapshot ticks after the orders settled",
      async () =>
        (
          await q(
            `select count(distinct period_end)::int as n from objective_snapshot where objective_id = $1 and period_end > $2`,
            [objective.id, new Date(eventsStarted + settledSeconds * 1000)]
          )
        )[0].n >= 2,
      { timeoutMs: SNAPSHOT_EVERY_S * 4000 }
    ).catch((e) => log(e.message))
    const ticks = await q(
      `select period_end, count(*)::int as n, count(distinct (coalesce(segment_id, ''), "group"))::int as scopes,
         sum(successes) filter (where segment_id is null)::int as converted, min(source) as source
       from objective_snapshot where objective_id = $1 and period_end > $2 group by period_end order by period_end`,
      [objective.id, linkedAt]
    )
    const maxTicks = Math.floor((Date.now() - linkedAt.getTime()) / 1000 / SNAPSHOT_EVERY_S) + 1
    const last = ticks[ticks.length - 1]
    check(
      "objective snapshots: one set per scheduled tick (4 rows: 2 groups x overall + linked segment)",
      ticks.length >= 2 &&
        ticks.length <= maxTicks &&
        ticks.every((t) => t.n === 4 && t.scopes === 4 && t.source === "schedule"),
      `${ticks.length} ticks (at most ${maxTicks} possible), rows per tick ${[...new Set(ticks.map((t) => t.n))].join("/")}`
    )
    check(
      "objective snapshot after the orders counts each buyer once",
      !!last && last.converted === buyers.length,
      `converted ${last ? last.converted : "-"} of ${buyers.length} buyers in the last tick`
    )

    // --- a rule made on A is served by B on the next request (and a delete on B by A)
    const ids = (r) => r.recommendations.map((x) => x.product_id || x.id)
    const store = { "x-publishable-api-key": pk }
    const beforeB = await http(B.base, "GET", "/store/recommendations?placement=home&limit=4", { headers: store })
    await http(A.base, "GET", "/store/recommendations?placement=home&limit=4", { headers: store })
    const target = seed.products.plate.id
    const { objective: pins } = await http(A.base, "POST", "/admin/objectives", {
      headers: admin,
      body: { name: "Scale pins", metric: "average_order_value", currency_code: "gbp", status: "draft" },
    })
    const { rule } = await http(A.base, "POST", "/admin/recommendations/rules", {
      headers: admin,
      body: {
        name: "Pin plate",
        action: "pin",
        target_type: "product",
        target_id: target,
        status: "active",
        objective_id: pins.id,
      },
    })
    const afterB = await http(B.base, "GET", "/store/recommendations?placement=home&limit=4", { headers: store })
    const top = afterB.recommendations[0]
    check(
      "rule created on A is served by B on the next request",
      !ids(beforeB).slice(0, 1).includes(target) &&
        ids(afterB)[0] === target &&
        top.trace &&
        top.trace.rule_id === rule.id,
      `B before: ${ids(beforeB)[0]}, after: ${ids(afterB)[0]} rule ${top.trace && top.trace.rule_id}`
    )
    await http(B.base, "DELETE", `/admin/recommendations/rules/${rule.id}`, { headers: admin })
    const afterA = await http(A.base, "GET", "/store/recommendations?placement=home&limit=4", { headers: store })
    check(
      "rule deleted on B is gone from A on the next request",
      afterA.recommendations.every((r) => !r.trace || r.trace.rule_id !== rule.id) && ids(afterA)[0] !== target,
      `A top: ${ids(afterA)[0]}`
    )

    // --- SIGKILL the worker mid segment evaluation
    // The evaluation is one transaction: advisory lock, the membership statement (exits and
    // entries), then `update segment set member_count`. Holding the segment row here stops a run
    // exactly between the two: membership written, not committed. That point is where the worker dies.
    const repeatBuyers = [...new Set(placed.filter((o) => o.round === 1).map((o) => customers[o.customer].id))].sort()
    const before = await q(
      `select id, customer_id, entered_at, exited_at from segment_membership where segment_id = $1 order by id`,
      [segment.id]
    )
    const [segBefore] = await q(`select member_count, last_evaluated_at from segment where id = $1`, [segment.id])
    await http(A.base, "POST", `/admin/segments/${segment.id}`, {
      headers: admin,
      body: {
        rules: {
          type: "all",
          conditions: [{ type: "condition", attribute: "order_count", operator: "gte", value: 2 }],
        },
      },
    })
    const blocker = new Client({ connectionString: databaseUrl })
    await blocker.connect()
    cleanupTasks.push(() => blocker.end())
    await blocker.query("begin")
    await blocker.query("select id from segment where id = $1 for update", [segment.id])
    log(`segment rule now order_count >= 2; segment row held`)
    await stopInstance(W, "SIGTERM")
    W = startInstance("worker-2", portW, {
      ...baseEnv,
      MEDUSA_WORKER_MODE: "worker",
      SEGMENT_EVALUATE_SCHEDULE: EVALUATE_SCHEDULE,
    })
    await waitHealthy(W)
    log("worker-2 up with the segment evaluation job every 5 s; waiting for a run to reach the held row")
    const stuck = await waitUntil(
      "the evaluation to block on the segment row",
      async () =>
        (
          await q(
            `select a.pid,
               exists (select 1 from pg_locks l where l.pid = a.pid and l.relation = 'segment_membership'::regclass
                       and l.mode = 'RowExclusiveLock' and l.granted) as wrote_membership
             from pg_stat_activity a
             where a.datname = current_database() and a.pid <> pg_backend_pid() and a.wait_event_type = 'Lock'
               and a.query ilike '%update segment set member_count%'`
          )
        )[0],
      { timeoutMs: 60000 }
    )
    const duringKill = await q(
      `select count(*) filter (where exited_at is null)::int as open from segment_membership where segment_id = $1`,
      [segment.id]
    )
    log(
      `evaluation blocked mid-transaction in backend ${stuck.pid} (membership written: ${stuck.wrote_membership}); SIGKILL worker-2`
    )
    const killedAt = new Date()
    await stopInstance(W, "SIGKILL", 0)
    await blocker.query("rollback")
    await waitUntil(
      "the killed worker's transaction to end",
      async () => (await q(`select count(*)::int as n from pg_stat_activity where pid = $1`, [stuck.pid]))[0].n === 0,
      { timeoutMs: 30000 }
    )
    const afterKill = await q(
      `select id, customer_id, entered_at, exited_at from segment_membership where segment_id = $1 order by id`,
      [segment.id]
    )
    const [segAfterKill] = await q(`select member_count, last_evaluated_at from segment where id = $1`, [segment.id])
    const same = JSON.stringify(afterKill) === JSON.stringify(before)
    check(
      "worker SIGKILLed mid evaluation: previous membership intact",
      stuck.wrote_membership &&
        same &&
        duringKill[0].open === buyers.length &&
        Number(segAfterKill.member_count) === Number(segBefore.member_count) &&
        String(segAfterKill.last_evaluated_at) === String(segBefore.last_evaluated_at),
      `killed with membership written but uncommitted; after: ${afterKill.filter((m) => !m.exited_at).length} open, ` +
        `${afterKill.length} rows, member_count ${segAfterKill.member_count} (before: ${before.length} rows)`
    )

    // No worker now: a one-order customer orders twice more (A, then B). Their order.placed
    // events wait in Redis, both orders already in the order tables when the worker reads them.
    const lateCustomer = plan.find((p) => plan.filter((x) => x.customer === p.customer).length === 1).customer
    for (const [on, items] of [
      [A, ["plate", "lamp"]],
      [B, ["vase", "plate"]],
    ]) {
      const o = await checkout(on.base, seed, customers[lateCustomer], items)
      placed.push({ customer: lateCustomer, round: 2, items, id: o.id, on: on.name })
    }
    const pendingWhileDown = await eventsPending(redis.url)
    log(`customer c${lateCustomer} placed 2 orders while no worker runs (${pendingWhileDown} events waiting)`)
    const expectedMembers = [...new Set([...repeatBuyers, customers[lateCustomer].id])].sort()
    const allIds = placed.map((o) => o.id)

    W = startInstance("worker-3", portW, {
      ...baseEnv,
      MEDUSA_WORKER_MODE: "worker",
      SEGMENT_EVALUATE_SCHEDULE: EVALUATE_SCHEDULE,
    })
    await waitHealthy(W)
    const restartedAt = Date.now()
    await waitUntil(
      "the next evaluation and the waiting events after the restart",
      async () => {
        const [s] = await q(
          `select last_evaluated_at,
             (select count(*)::int from recommendation_processed_order where order_id = any($2)) as processed,
             (select count(*)::int from segment_order_fact where order_id = any($2) and deleted_at is null) as facts
           from segment where id = $1`,
          [segment.id, allIds]
        )
        return (
          s.last_evaluated_at &&
          new Date(s.last_evaluated_at) > killedAt &&
          s.processed === allIds.length &&
          s.facts === allIds.length
        )
      },
      { timeoutMs: 60000 }
    ).catch((e) => log(e.message))
    const completedSeconds = (Date.now() - restartedAt) / 1000
    await sleep(2000)
    const lateProcessed = await q(
      `select order_id, count(*)::int as n from recommendation_processed_order group by order_id`
    )
    const lateFacts = await q(`select order_id from segment_order_fact where deleted_at is null`)
    const lateAffinity = await checkAffinity(q, placed, customers, seed)
    check(
      "orders placed while the worker was dead: counted once after the restart",
      pendingWhileDown >= 2 &&
        lateProcessed.length === allIds.length &&
        lateProcessed.every((r) => r.n === 1) &&
        lateFacts.length === allIds.length &&
        lateAffinity.ok,
      `${lateProcessed.length} processed orders and ${lateFacts.length} order facts for ${allIds.length} orders; ${lateAffinity.detail}`
    )
    const final = await q(
      `select customer_id, count(*)::int as rows, count(*) filter (where exited_at is null)::int as open
       from segment_membership where segment_id = $1 and deleted_at is null group by customer_id order by customer_id`,
      [segment.id]
    )
    const open = final.filter((m) => m.open === 1).map((m) => m.customer_id)
    const [segFinal] = await q(`select member_count, last_evaluated_at from segment where id = $1`, [segment.id])
    check(
      "restarted worker: the next evaluation run completes it",
      JSON.stringify(open) === JSON.stringify(expectedMembers) &&
        final.every((m) => m.rows === 1) &&
        Number(segFinal.member_count) === expectedMembers.length,
      `${open.length} members (expected ${expectedMembers.length}), ${buyers.length - open.length} exited once each, ` +
        `member_count ${segFinal.member_count}, ${completedSeconds.toFixed(1)}s after the restart`
    )
  } catch (e) {
    check("run", false, e.message)
  } finally {
    log("stopping instances, Redis data, database")
    await cleanup()
  }
  const failed = results.filter((r) => !r.ok).length
  const seconds = ((Date.now() - STARTED) / 1000).toFixed(1)
  process.stdout.write(`\ntest:scale: ${results.length - failed} passed, ${failed} failed, ${seconds}s\n`)
  process.exit(failed ? 1 : 0)
}

main()
