/**
 * `npm run bench:rebuild`: the nightly rebuilds of the plugin's two read models over Medusa's order
 * tables, each as the previous implementation and the current one, in one run per database:
 *  - co-purchase counts `product_affinity` (`rebuildAffinityTables` + `vacuumAffinity`, what the
 *    service's `rebuildAffinity` runs): counting `previous` (one `INSERT ... SELECT` of
 *    `AFFINITY_COUNTS_SQL`) vs `ordinal` (temporary tables on product numbers); both build and swap;
 *  - segment order facts `segment_order_fact` (`rebuildOrderFacts` + `vacuumOrderFacts`, what the
 *    service's `rebuildOrderFacts` runs): previous delete-and-insert (`REBUILD_ORDER_FACTS_SQL`, then
 *    `vacuum analyze`) vs writing only the differences, once when nothing changed (the nightly case)
 *    and once into an emptied read model (every row written).
 * Each pair of results is checked equal (a checksum over every row). With several databases (same
 * generator and seed, different sizes) it fits time ~ lines^k per measure.
 *
 * It writes: run it on clones of the bench databases, never on the templates themselves:
 *   createdb -T personalization_bench_250k my_250k   (likewise 500k, 1M)
 *   npm run bench:rebuild -- --db my_250k,my_500k,my_1m [--only affinity|facts] [--steps]
 * `--steps` prints the time of every statement of the current implementations.
 */
import os from "os"
import knexFactory, { Knex } from "knex"
import {
  AffinityCounting,
  rebuildAffinityTables,
  vacuumAffinity,
} from "../src/modules/recommendation/repositories/affinity"
import { affinityPassState, incrementalAffinityPass } from "../src/modules/recommendation/repositories/customer-history"
import { countedOrder } from "../src/utils/counted-order"
import { DEFAULT_OPTIONS } from "../src/modules/recommendation/types"
import { Migration20261201120000 } from "../src/modules/recommendation/migrations/Migration20261201120000"
import {
  REBUILD_ORDER_FACTS_SQL,
  rebuildOrderFacts,
  vacuumOrderFacts,
} from "../src/modules/segment/repositories/order-facts"
import { fitExponent } from "./lib/cost-curve"
import { applyMigrationIfMissing } from "./lib/apply-migration"

type Opts = { dbs: string[]; only?: "affinity" | "facts"; steps: boolean; incremental: number[]; previous: boolean }

function parse(argv: string[]): Opts {
  const o: Opts = { dbs: [], steps: false, incremental: [1000, 10000], previous: true }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === "--db") o.dbs = argv[++i].split(",").filter(Boolean)
    else if (a === "--only") o.only = argv[++i] as Opts["only"]
    else if (a === "--steps") o.steps = true
    else if (a === "--incremental") o.incremental = argv[++i].split(",").filter(Boolean).map(Number)
    else if (a === "--no-previous") o.previous = false
    else throw new Error(`unknown argument ${a}`)
  }
  if (!o.dbs.length) throw new Error("--db NAME[,NAME...] is required (clones of the bench databases)")
  if (o.only && o.only !== "affinity" && o.only !== "facts") throw new Error("--only affinity|facts")
  if (o.incremental.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--incremental N[,N...] (customers)")
  return o
}

const out = (line: string) => process.stdout.write(`${line}\n`)
const load = () => os.loadavg()[0].toFixed(1)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** A `runSql` executor over a knex transaction that records each statement's time (`--steps`). */
function timed(trx: Knex.Transaction, steps: { sql: string; ms: number }[] | null) {
  return {
    raw: async (sql: string, bindings: readonly unknown[] = []) => {
      const started = Date.now()
      const result = await trx.raw(sql, bindings as Knex.RawBinding[])
      steps?.push({ sql: sql.replace(/\s+/g, " ").trim().slice(0, 90), ms: Date.now() - started })
      return result
    },
  }
}

async function inTransaction<T>(
  db: Knex,
  isolationLevel: "read committed" | "repeatable read",
  work: (trx: Knex.Transaction) => Promise<T>
): Promise<T> {
  const trx = await db.transaction({ isolationLevel })
  try {
    const result = await work(trx)
    await trx.commit()
    return result
  } catch (e) {
    await trx.rollback()
    throw e
  }
}

type Measure = { name: string; ms: number; load: string; checksum: string; note?: string }

async function measure(name: string, run: () => Promise<void>, checksum: () => Promise<string>): Promise<Measure> {
  const before = load()
  const started = Date.now()
  await run()
  const ms = Date.now() - started
  return { name, ms, load: `${before}-${load()}`, checksum: await checksum() }
}

async function affinityChecksum(db: Knex): Promise<string> {
  const [row] = (
    await db.raw(`SELECT count(*) AS n, sum(hashtext(concat_ws('|', product_id, related_product_id, customer_count,
        later_count, weight, round(weighted_count::numeric, 4))))::text AS h
      FROM product_affinity WHERE deleted_at IS NULL`)
  ).rows
  return `${row.n}:${row.h}`
}

async function factsChecksum(db: Knex): Promise<string> {
  const [row] = (
    await db.raw(`SELECT count(*) AS n, sum(hashtext(concat_ws('|', id, order_id, customer_id, email, currency_code,
        ordered_at, item_total, raw_item_total, canceled)))::text AS h
      FROM segment_order_fact WHERE deleted_at IS NULL`)
  ).rows
  return `${row.n}:${row.h}`
}

/**
 * Changes the orders of `n` customers (chosen by md5, different for each `tag`) as a day of a store
 * would, without events: nine in ten get a new order dated now, a copy of another customer's counted
 * order (its items and line items copied with new ids), and one in ten has their latest counted
 * order canceled.
 */
async function changeOrders(db: Knex, n: number, tag: string): Promise<{ placed: number; canceled: number }> {
  return await inTransaction(db, "read committed", async (trx) => {
    await trx.raw(
      `CREATE TEMP TABLE bench_change ON COMMIT DROP AS
      SELECT customer_id, row_number() OVER (ORDER BY md5(customer_id || ?)) AS i
      FROM (SELECT DISTINCT o.customer_id FROM "order" o WHERE ${countedOrder("o")} AND o.customer_id IS NOT NULL) c
      ORDER BY md5(customer_id || ?) LIMIT ?`,
      [tag, tag, n]
    )
    await trx.raw(
      `CREATE TEMP TABLE bench_new ON COMMIT DROP AS
      SELECT c.customer_id, d.id AS donor, d.version, 'order_bench_' || ? || '_' || c.i AS id, '_b' || ? AS suffix
      FROM bench_change c
      JOIN (SELECT o.id, o.version, row_number() OVER (ORDER BY md5(o.id || ?)) AS i FROM "order" o
            WHERE ${countedOrder("o")} AND o.customer_id IS NOT NULL) d ON d.i = c.i
      WHERE c.i % 10 <> 0`,
      [tag, tag, tag]
    )
    const placed = (
      await trx.raw(`INSERT INTO "order"
        SELECT (jsonb_populate_record(o, jsonb_build_object('id', n.id, 'customer_id', n.customer_id,
          'display_id', nextval(pg_get_serial_sequence('"order"', 'display_id')), 'custom_display_id', NULL,
          'created_at', now(), 'updated_at', now()))).*
        FROM bench_new n JOIN "order" o ON o.id = n.donor`)
    ).rowCount
    await trx.raw(`INSERT INTO order_line_item
      SELECT (jsonb_populate_record(li, jsonb_build_object('id', li.id || n.suffix, 'totals_id', NULL,
        'created_at', now(), 'updated_at', now()))).*
      FROM bench_new n JOIN order_item oi ON oi.order_id = n.donor AND oi.version = n.version AND oi.deleted_at IS NULL
      JOIN order_line_item li ON li.id = oi.item_id`)
    await trx.raw(`INSERT INTO order_item
      SELECT (jsonb_populate_record(oi, jsonb_build_object('id', oi.id || n.suffix, 'order_id', n.id,
        'item_id', oi.item_id || n.suffix, 'created_at', now(), 'updated_at', now()))).*
      FROM bench_new n JOIN order_item oi ON oi.order_id = n.donor AND oi.version = n.version AND oi.deleted_at IS NULL`)
    const canceled = (
      await trx.raw(`UPDATE "order" SET status = 'canceled', canceled_at = now(), updated_at = now()
        WHERE id IN (
          SELECT DISTINCT ON (o.customer_id) o.id FROM "order" o JOIN bench_change c USING (customer_id)
          WHERE c.i % 10 = 0 AND ${countedOrder("o")} ORDER BY o.customer_id, o.created_at DESC, o.id
        )`)
    ).rowCount
    return { placed, canceled }
  })
}

/**
 * Rows of `product_affinity` that differ from `bench_affinity_pass`: counts exactly, `weighted_count`
 * (a 4-byte real: ~7 significant digits, and a pass adds to it where a rebuild sums once) beyond a
 * relative 1e-6; and the largest relative difference of `weighted_count`.
 */
async function affinityDifferences(db: Knex): Promise<{ rows: number; weighted: number }> {
  const [row] = (
    await db.raw(`SELECT count(*) FILTER (WHERE a.product_id IS NULL OR p.product_id IS NULL
          OR a.customer_count <> p.customer_count OR a.later_count <> p.later_count OR a.weight <> p.weight
          OR abs(a.weighted_count - p.weighted_count) > 1e-6 * greatest(1, abs(a.weighted_count)))::int AS n,
        coalesce(max(abs(a.weighted_count - p.weighted_count) / greatest(abs(a.weighted_count), 1e-9)), 0)::float8 AS w
      FROM bench_affinity_pass p
      FULL JOIN (SELECT * FROM product_affinity WHERE deleted_at IS NULL) a
        ON a.product_id = p.product_id AND a.related_product_id = p.related_product_id`)
  ).rows
  return { rows: row.n, weighted: Number(row.w) }
}

async function benchAffinity(db: Knex, opts: Opts): Promise<Measure[]> {
  const cap = DEFAULT_OPTIONS.history_cap
  const rebuild = (counting: AffinityCounting) => async () => {
    const steps: { sql: string; ms: number }[] | null = opts.steps && counting === "ordinal" ? [] : null
    await inTransaction(db, "repeatable read", (trx) => rebuildAffinityTables(timed(trx, steps), cap, counting))
    const started = Date.now()
    await vacuumAffinity(db)
    steps?.push({ sql: "VACUUM ANALYZE product_affinity", ms: Date.now() - started })
    steps?.forEach((s) => out(`    ${seconds(s.ms).padStart(8)}  ${s.sql}`))
  }
  const checksum = () => affinityChecksum(db)
  const measures: Measure[] = []
  if (opts.previous) {
    measures.push(
      await measure("co-purchase, previous (one INSERT ... SELECT on product ids)", rebuild("previous"), checksum)
    )
  }
  measures.push(await measure("co-purchase, now (temporary tables on product numbers)", rebuild("ordinal"), checksum))
  for (const n of opts.incremental) {
    const changed = await changeOrders(db, n, `${n}`)
    out(`  ${n} customers changed: ${changed.placed} new orders, ${changed.canceled} canceled (load ${load()})`)
    let summary = ""
    const pass = await measure(
      `co-purchase, incremental pass after ${n} changed customers`,
      async () => {
        const steps: { sql: string; ms: number }[] | null = opts.steps ? [] : null
        const { last_at } = await affinityPassState(db, cap)
        const result = await inTransaction(db, "read committed", (trx) =>
          incrementalAffinityPass(timed(trx, steps), cap, last_at!)
        )
        summary = `${result.customers} customers recounted, ${result.changed} histories changed, ${result.rows} rows written`
        steps?.filter((s) => s.ms >= 100).forEach((s) => out(`    ${seconds(s.ms).padStart(8)}  ${s.sql}`))
      },
      checksum
    )
    // not part of the pass (see refreshAffinity): what a VACUUM of the rows it wrote would cost
    const vacuumStarted = Date.now()
    await db.raw("VACUUM product_affinity")
    const vacuumMs = Date.now() - vacuumStarted
    out(`  pass: ${summary}; a VACUUM after it ${seconds(vacuumMs)} (load ${load()})`)
    await db.raw(`DROP TABLE IF EXISTS bench_affinity_pass`)
    await db.raw(`CREATE TABLE bench_affinity_pass AS SELECT product_id, related_product_id, customer_count,
      later_count, weight, weighted_count FROM product_affinity WHERE deleted_at IS NULL`)
    const full = await measure(`co-purchase, full rebuild after ${n} changed customers`, rebuild("ordinal"), checksum)
    const { rows: differ, weighted } = await affinityDifferences(db)
    const same = `${differ ? `${differ} ROWS DIFFER from` : "same rows as"} the full rebuild (weighted_count within ${weighted.toExponential(1)} relative)`
    await db.raw(`DROP TABLE bench_affinity_pass`)
    pass.note = `${same}; ${summary}; VACUUM after it ${seconds(vacuumMs)}, not included`
    measures.push(pass, full)
    out(
      `ratio full rebuild / incremental pass after ${n} changed customers: ${(full.ms / pass.ms).toFixed(2)}x ` +
        `(${same})`
    )
  }
  return measures
}

async function benchFacts(db: Knex, opts: Opts): Promise<Measure[]> {
  const now = async (steps: { sql: string; ms: number }[] | null) => {
    const { changed } = await inTransaction(db, "read committed", (trx) => rebuildOrderFacts(timed(trx, steps)))
    const started = Date.now()
    await vacuumOrderFacts(db, changed > 0)
    steps?.push({
      sql: `vacuum${changed > 0 ? " analyze" : ""} segment_order_fact (${changed} rows written)`,
      ms: Date.now() - started,
    })
    steps?.forEach((s) => out(`    ${seconds(s.ms).padStart(8)}  ${s.sql}`))
  }
  const checksum = () => factsChecksum(db)
  const previous = await measure(
    "segment facts, previous (delete every fact, insert all)",
    async () => {
      await inTransaction(db, "read committed", async (trx) => {
        await trx.raw("select pg_advisory_xact_lock(hashtext('segment:order-facts'))")
        for (const sql of REBUILD_ORDER_FACTS_SQL) {
          await trx.raw(sql)
        }
      })
      await vacuumOrderFacts(db)
    },
    checksum
  )
  const unchanged = await measure(
    "segment facts, now, nothing changed (the nightly case)",
    () => now(opts.steps ? [] : null),
    checksum
  )
  await db.raw("delete from segment_order_fact")
  await vacuumOrderFacts(db)
  const empty = await measure(
    "segment facts, now, empty read model (every row written)",
    () => now(opts.steps ? [] : null),
    checksum
  )
  return [previous, unchanged, empty]
}

async function main() {
  const opts = parse(process.argv.slice(2))
  const connection = {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || undefined,
  }
  const results: { db: string; lines: number; measures: Measure[] }[] = []
  for (const name of opts.dbs) {
    const db = knexFactory({ client: "pg", connection: { ...connection, database: name }, pool: { min: 0, max: 2 } })
    try {
      // bench stores cloned before the per-customer history and pass tables: the module's migration
      await applyMigrationIfMissing(db, "recommendation_customer_history", Migration20261201120000)
      const [size] = (
        await db.raw(`SELECT (SELECT count(*) FROM order_item WHERE deleted_at IS NULL)::int AS lines,
          (SELECT count(*) FROM "order" WHERE deleted_at IS NULL)::int AS orders,
          (SELECT count(*) FROM customer WHERE deleted_at IS NULL)::int AS customers,
          (SELECT count(*) FROM product WHERE deleted_at IS NULL)::int AS products`)
      ).rows
      out(
        `\n## ${name}: ${size.lines} order lines, ${size.orders} orders, ${size.customers} customers, ` +
          `${size.products} products (load ${load()}, ${os.cpus().length} cores)`
      )
      const measures: Measure[] = []
      if (opts.only !== "facts") {
        measures.push(...(await benchAffinity(db, opts)))
      }
      if (opts.only !== "affinity") {
        measures.push(...(await benchFacts(db, opts)))
      }
      out(`| measure | time | load (1 min) | rows checksum |`)
      out(`| --- | --- | --- | --- |`)
      for (const m of measures) {
        out(`| ${m.name} | ${seconds(m.ms)} | ${m.load} | ${m.note ?? m.checksum} |`)
      }
      const pairs: [string, string][] = [
        ["co-purchase, previous", "co-purchase, now"],
        ["segment facts, previous", "segment facts, now, nothing changed"],
        ["segment facts, previous", "segment facts, now, empty read model"],
      ]
      for (const [a, b] of pairs) {
        const pa = measures.find((m) => m.name.startsWith(a))
        const pb = measures.find((m) => m.name.startsWith(b))
        if (pa && pb) {
          const same = pa.checksum === pb.checksum ? "same rows" : "DIFFERENT ROWS"
          out(`ratio ${a} / ${b}: ${(pa.ms / pb.ms).toFixed(2)}x (${same})`)
        }
      }
      results.push({ db: name, lines: size.lines, measures })
    } finally {
      await db.destroy()
    }
  }
  if (results.length > 1) {
    out(`\n## time ~ lines^k over ${results.map((r) => r.lines).join(", ")} lines`)
    for (const m of results[0].measures) {
      const points = results.map((r) => ({ size: r.lines, ms: r.measures.find((x) => x.name === m.name)!.ms }))
      out(`| ${m.name} | k = ${fitExponent(points).toFixed(2)} | ${points.map((p) => seconds(p.ms)).join(", ")} |`)
    }
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`)
  process.exit(1)
})
