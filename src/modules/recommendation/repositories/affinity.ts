import { pgTextArray, runSql } from "../../../utils/sql"
import { MedusaError } from "@medusajs/framework/utils"
import { placedOrder } from "../../../utils/counted-order"
import { LATER_LAG_DAYS } from "../utils/co-purchase"
import { DEFAULT_OPTIONS } from "../types"
import { cappedHistorySelect, PURCHASE_LINES, recordAffinityPass } from "./customer-history"

export { PURCHASE_LINES }

/*
 * The recommendation module's SQL over its own tables (product_affinity, processed orders, served
 * lists) and over Medusa's order lines, which it counts on the one definition of a counted order.
 * Functions take the entity manager of the caller's transaction; the service decides the
 * transactions, caching and options.
 */

/** The columns `AFFINITY_COUNTS_SQL` fills, in its order. */
export const AFFINITY_COLUMNS =
  "id, product_id, related_product_id, customer_count, later_count, weight, weighted_count"

/**
 * Co-purchase counts from Medusa's order tables, one row per ordered pair (and the diagonal), in
 * the order of `AFFINITY_COLUMNS`. `weighted_count` counts each customer as 1 / the products they
 * count in (their capped history), 0 on the diagonal. Parameter: history_cap.
 */
export const AFFINITY_COUNTS_SQL = `
  WITH bought AS (
    SELECT o.customer_id, li.product_id, max(o.created_at) AS last_at, min(o.created_at) AS first_at
    ${PURCHASE_LINES}
    GROUP BY o.customer_id, li.product_id
  ), capped AS (
    SELECT customer_id, product_id, first_at, count(*) OVER (PARTITION BY customer_id) AS products FROM (
      SELECT customer_id, product_id, first_at,
             row_number() OVER (PARTITION BY customer_id ORDER BY last_at DESC, product_id) AS rn
      FROM bought
    ) ranked WHERE rn <= ?
  ), counted AS (
    SELECT a.product_id AS a, b.product_id AS b, count(*) AS both_count,
           count(*) FILTER (WHERE b.first_at >= a.first_at + interval '${LATER_LAG_DAYS} day') AS later_count,
           sum(1::float8 / a.products) AS weighted_count
    FROM capped a JOIN capped b ON a.customer_id = b.customer_id
    GROUP BY a.product_id, b.product_id
  )
  SELECT 'praff_' || md5(a || '|' || b), a, b, both_count, later_count, both_count + later_count,
         CASE WHEN a = b THEN 0 ELSE weighted_count END
  FROM counted`

/** Where a rebuild writes before it replaces `product_affinity` (exists only inside the rebuild). */
const AFFINITY_NEXT = "product_affinity_next"

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * How a rebuild counts: `ordinal` (the default) counts on integer product and customer numbers in
 * temporary tables, each unordered pair once (`fillAffinityByOrdinals`); `previous` is the rebuild
 * it replaced (one `INSERT ... SELECT` of `AFFINITY_COUNTS_SQL`, its settings, orders marked with
 * `ON CONFLICT` alone), kept callable so `npm run bench:rebuild` measures both in one run.
 */
export type AffinityCounting = "ordinal" | "previous"

/**
 * Fills `product_affinity_next` with the counts of `AFFINITY_COUNTS_SQL`, row for row, in fewer
 * steps of work (each step one statement over a temporary table dropped at commit):
 *  1. each customer's capped history (as `AFFINITY_COUNTS_SQL`'s `capped`), customers numbered;
 *  2. the products of those histories numbered in the order of their ids;
 *  3. per unordered pair a < b (numbers): customers, came back later each way, weighted; half the
 *     rows `AFFINITY_COUNTS_SQL` groups, and on two integers instead of two texts;
 *  4. both directions and the diagonal written in (product, related product) order, with an id made
 *     of the two numbers, so the unique index and the primary key are built from sorted input.
 * Ids are unique but not stable across rebuilds (nothing refers to them); `recountCustomers` gives
 * the pairs it adds between rebuilds md5 ids, which are longer and never equal these.
 */
async function fillAffinityByOrdinals(em: unknown, historyCap: number): Promise<number> {
  await runSql(
    em,
    `CREATE TEMP TABLE affinity_capped ON COMMIT DROP AS
     SELECT dense_rank() OVER (ORDER BY customer_id)::int AS c, customer_id, product_id, first_at,
            count(*) OVER (PARTITION BY customer_id)::int AS products
     FROM (${cappedHistorySelect()}) h`,
    [historyCap]
  )
  await runSql(
    em,
    `CREATE TEMP TABLE affinity_product ON COMMIT DROP AS
     SELECT product_id, row_number() OVER (ORDER BY product_id)::int AS p
     FROM (SELECT DISTINCT product_id FROM affinity_capped) d`
  )
  await runSql(
    em,
    `CREATE TEMP TABLE affinity_history ON COMMIT DROP AS
     SELECT h.c, p.p, h.first_at, h.products FROM affinity_capped h JOIN affinity_product p USING (product_id)`
  )
  // temporary tables are never analyzed by autovacuum: without statistics the planner guesses
  await runSql(em, `ANALYZE affinity_product`)
  await runSql(em, `ANALYZE affinity_history`)
  await runSql(
    em,
    `CREATE TEMP TABLE affinity_pair ON COMMIT DROP AS
     SELECT a.p AS a, b.p AS b, count(*)::int AS n,
            count(*) FILTER (WHERE b.first_at >= a.first_at + interval '${LATER_LAG_DAYS} day')::int AS later_ab,
            count(*) FILTER (WHERE a.first_at >= b.first_at + interval '${LATER_LAG_DAYS} day')::int AS later_ba,
            sum(1::float8 / a.products) AS weighted
     FROM affinity_history a JOIN affinity_history b ON a.c = b.c AND a.p < b.p
     GROUP BY a.p, b.p`
  )
  // The sort runs on narrow integer rows, fenced by OFFSET 0; the joins to the two small product
  // tables are hash joins probed in that order, so rows arrive sorted (only the index builds gain).
  await runSql(
    em,
    `INSERT INTO ${AFFINITY_NEXT} (${AFFINITY_COLUMNS})
     SELECT 'praff_' || lpad(to_hex(x.a), 8, '0') || lpad(to_hex(x.b), 8, '0'),
            pa.product_id, pb.product_id, x.n, x.later, x.n + x.later, x.weighted
     FROM (
       SELECT * FROM (
         SELECT a, b, n, later_ab AS later, weighted FROM affinity_pair
         UNION ALL SELECT b, a, n, later_ba, weighted FROM affinity_pair
         UNION ALL SELECT p, p, count(*)::int, 0, 0 FROM affinity_history GROUP BY p
       ) u ORDER BY a, b OFFSET 0
     ) x
     JOIN affinity_product pa ON pa.p = x.a
     JOIN affinity_product pb ON pb.p = x.b`
  )
  const [{ pairs }] = await runSql<{ pairs: string }>(em, `SELECT (2 * count(*))::text AS pairs FROM affinity_pair`)
  return Number(pairs)
}

/**
 * Makes the stored customer histories (repositories/customer-history.ts) those
 * `fillAffinityByOrdinals` counted, writing only the differences (hash anti-joins both ways): after
 * nightly passes kept them current, a rebuild writes almost nothing; into an empty table, every row
 * in (customer, product) order. New ids: this rebuild's transaction id, the customer's number and
 * the product's rank (unique across rebuilds, never a recount's 32-digit md5).
 */
async function writeHistories(em: unknown): Promise<{ customers: number; rows: number }> {
  await runSql(
    em,
    `DELETE FROM recommendation_customer_history h
     WHERE NOT EXISTS (
       SELECT 1 FROM affinity_capped c
       WHERE c.customer_id = h.customer_id AND c.product_id = h.product_id AND c.first_at = h.first_purchased_at
     )`
  )
  await runSql(
    em,
    `INSERT INTO recommendation_customer_history (id, customer_id, product_id, first_purchased_at)
     SELECT 'rech_' || to_hex(txid_current()) || 'x' || lpad(to_hex(c), 8, '0') || lpad(to_hex(rank), 8, '0'),
            customer_id, product_id, first_at
     FROM (
       SELECT c, customer_id, product_id, first_at, row_number() OVER (PARTITION BY c ORDER BY product_id) AS rank
       FROM affinity_capped
     ) n
     WHERE NOT EXISTS (
       SELECT 1 FROM recommendation_customer_history h
       WHERE h.customer_id = n.customer_id AND h.product_id = n.product_id AND h.deleted_at IS NULL
     )
     ORDER BY c, product_id`
  )
  const [row] = await runSql<{ customers: string; rows: string }>(
    em,
    `SELECT count(DISTINCT c)::text AS customers, count(*)::text AS rows FROM affinity_capped`
  )
  return { customers: Number(row.customers), rows: Number(row.rows) }
}

const productCount = async (em: unknown) =>
  Number((await runSql<{ n: string }>(em, `SELECT count(*)::text AS n FROM affinity_product`))[0].n)

/**
 * Rebuilds `product_affinity` from the order tables (build and swap, see the service's
 * `rebuildAffinity`), stores every customer's counted history, records the full pass (with the
 * paired-product counts at `minSupport`) and marks every placed order processed. Run inside one REPEATABLE READ
 * transaction.
 */
export async function rebuildAffinityTables(
  em: unknown,
  historyCap: number,
  counting: AffinityCounting = "ordinal",
  minSupport = DEFAULT_OPTIONS.min_support
): Promise<{ pairs: number; orders: number }> {
  // Taken before the snapshot: `recordOrder` waits for the swap instead of counting an order into
  // the table being replaced, then finds the orders counted here already marked as processed
  // (reads of both tables go on meanwhile).
  await runSql(em, `LOCK TABLE recommendation_processed_order IN EXCLUSIVE MODE`)
  // Room for the pair aggregation (it spills to disk at the default 4 MB).
  await runSql(em, `SET LOCAL work_mem = '256MB'`)
  if (counting === "ordinal") {
    // Room for the index builds (64 MB by default: each spilled to disk); no JIT (compiling the
    // statements took 2.4 s of the previous rebuild); hash or merge joins only: the anti-join
    // against recommendation_processed_order while it is written must not be a nested loop
    // (planned so on an empty table, it rescans the rows just inserted for every order).
    await runSql(em, `SET LOCAL maintenance_work_mem = '512MB'`)
    await runSql(em, `SET LOCAL jit = off`)
    await runSql(em, `SET LOCAL enable_nestloop = off`)
  }
  await runSql(em, `DROP TABLE IF EXISTS ${AFFINITY_NEXT}`)
  await runSql(em, `CREATE TABLE ${AFFINITY_NEXT} (LIKE product_affinity INCLUDING DEFAULTS)`)
  let pairs: number | null = null
  let pass: Parameters<typeof recordAffinityPass>[1] | null = null
  if (counting === "previous") {
    await runSql(
      em,
      `INSERT INTO ${AFFINITY_NEXT} (${AFFINITY_COLUMNS})
       ${AFFINITY_COUNTS_SQL}`,
      [historyCap]
    )
    await runSql(
      em,
      `INSERT INTO recommendation_processed_order (id, order_id)
       SELECT 'recpo_' || md5(o.id), o.id FROM "order" o
       WHERE ${placedOrder("o")}
       ON CONFLICT DO NOTHING`
    )
    // it keeps no histories: the counts are not tracked per customer until the next full rebuild
    await runSql(em, `DELETE FROM recommendation_customer_history`)
    await runSql(em, `DELETE FROM recommendation_affinity_pass`)
  } else {
    pairs = await fillAffinityByOrdinals(em, historyCap)
    const histories = await writeHistories(em)
    pass = {
      kind: "full",
      history_cap: historyCap,
      customers: histories.customers,
      changed: histories.customers,
      rows: pairs + (await productCount(em)),
    }
    // The anti-join first: ON CONFLICT alone probes the unique index once per order (8.6 s vs
    // 1.3 s for 300k orders already marked).
    await runSql(
      em,
      `INSERT INTO recommendation_processed_order (id, order_id)
       SELECT 'recpo_' || md5(o.id), o.id FROM "order" o
       WHERE ${placedOrder("o")}
         AND NOT EXISTS (
           SELECT 1 FROM recommendation_processed_order p WHERE p.order_id = o.id AND p.deleted_at IS NULL
         )
       ON CONFLICT DO NOTHING`
    )
  }
  await swapInAffinity(em)
  if (pass) {
    // after the swap: the paired-product counts are those of the new table
    await recordAffinityPass(em, pass, minSupport)
  }
  if (pairs === null) {
    const [row] = await runSql<{ pairs: string }>(
      em,
      `SELECT count(*)::text AS pairs FROM product_affinity WHERE product_id <> related_product_id`
    )
    pairs = Number(row.pairs)
  }
  const [{ orders }] = await runSql<{ orders: string }>(
    em,
    `SELECT count(*)::text AS orders FROM recommendation_processed_order`
  )
  return { pairs, orders: Number(orders) }
}

/**
 * Fresh statistics and visibility map after a rebuild (outside its transaction): the neighbour
 * read is an index-only scan on the covering index only when the table is vacuumed.
 */
export async function vacuumAffinity(db: unknown): Promise<void> {
  await runSql(db, "VACUUM ANALYZE product_affinity")
}

/**
 * Gives the filled `product_affinity_next` the live table's indexes and constraints, exactly as
 * the catalog defines them (so migrations and `db:generate` see the same schema), then drops the
 * live table and renames the new one with its indexes into place.
 */
export async function swapInAffinity(em: unknown): Promise<void> {
  const constraints = await runSql<{ name: string; def: string }>(
    em,
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conrelid = 'product_affinity'::regclass AND contype IN ('p', 'u')
       ORDER BY conname`
  )
  const indexes = await runSql<{ name: string; def: string }>(
    em,
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       WHERE x.indrelid = 'product_affinity'::regclass
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
       ORDER BY i.relname`
  )
  // temporary names while the live table still holds the real ones; renamed after the swap
  const renames: [string, string][] = []
  for (const [i, c] of constraints.entries()) {
    const temp = `${AFFINITY_NEXT}_c${i}`
    await runSql(em, `ALTER TABLE ${AFFINITY_NEXT} ADD CONSTRAINT ${quoteIdent(temp)} ${c.def}`)
    renames.push([temp, c.name])
  }
  for (const [i, index] of indexes.entries()) {
    const match = /^(CREATE (?:UNIQUE )?INDEX )(?:"(?:[^"]|"")+"|\S+)( ON )(?:ONLY )?\S+( USING .*)$/s.exec(index.def)
    if (!match) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Cannot rebuild index ${index.name}: ${index.def}`)
    }
    const temp = `${AFFINITY_NEXT}_i${i}`
    await runSql(em, `${match[1]}${quoteIdent(temp)}${match[2]}${AFFINITY_NEXT}${match[3]}`)
    renames.push([temp, index.name])
  }
  await runSql(em, `DROP TABLE product_affinity`)
  await runSql(em, `ALTER TABLE ${AFFINITY_NEXT} RENAME TO product_affinity`)
  for (const [temp, name] of renames) {
    await runSql(em, `ALTER INDEX ${quoteIdent(temp)} RENAME TO ${quoteIdent(name)}`)
  }
}

/** One list served by `GET /store/recommendations` (a row of `recommendation_serve`). */
export type ServedList = {
  id: string
  customer_id: string | null
  cart_id: string | null
  placement: string
  product_ids: string[]
  objective_id: string | null
  experiment_group: string | null
  /** Rules that acted on the list (see `servedRuleIds`); empty when none did. */
  rule_ids?: string[]
}

/** Inserts one served list (see the service's `recordServe`). */
export async function insertServe(em: unknown, serve: ServedList): Promise<void> {
  await runSql(
    em,
    `INSERT INTO recommendation_serve (id, customer_id, cart_id, placement, product_ids, objective_id, experiment_group, rule_ids)
     VALUES (?, ?, ?, ?, ?::text[], ?, ?, ?::text[])`,
    [
      serve.id,
      serve.customer_id,
      serve.cart_id,
      serve.placement,
      `{${serve.product_ids.map((id) => `"${id.replace(/["\\]/g, "\\$&")}"`).join(",")}}`,
      serve.objective_id,
      serve.experiment_group,
      pgTextArray(serve.rule_ids ?? []),
    ]
  )
}

/**
 * Impression events per rule: the impressions of the served lists that list the rule in
 * `rule_ids`, over the serves still kept (`serve_retention_days`). Every requested id is present.
 */
export async function ruleImpressionCounts(em: unknown, ruleIds: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = Object.fromEntries(ruleIds.map((id) => [id, 0]))
  if (!ruleIds.length) {
    return out
  }
  const rows = await runSql<{ rule_id: string; impressions: number | string }>(
    em,
    `SELECT r.rule_id, count(*) AS impressions
     FROM recommendation_serve s
     CROSS JOIN LATERAL unnest(s.rule_ids) AS r(rule_id)
     JOIN recommendation_event e
       ON e.recommendation_id = s.id AND e.type = 'impression' AND e.deleted_at IS NULL
     WHERE s.deleted_at IS NULL AND s.rule_ids && ?::text[] AND r.rule_id = ANY(?::text[])
     GROUP BY r.rule_id`,
    [pgTextArray(ruleIds), pgTextArray(ruleIds)]
  )
  for (const row of rows) {
    out[row.rule_id] = Number(row.impressions)
  }
  return out
}

/** Deletes served lists older than `days`; returns how many. */
export async function deleteServesOlderThan(em: unknown, days: number): Promise<number> {
  const deleted = await runSql(
    em,
    `DELETE FROM recommendation_serve WHERE created_at < now() - make_interval(days => ?) RETURNING id`,
    [days]
  )
  return deleted.length
}
