import { generateEntityId } from "@medusajs/framework/utils"
import { pgTextArray, runSql } from "../../../utils/sql"
import { countedOrder, orderLinesJoin } from "../../../utils/counted-order"
import { goodsLineSql } from "../../../utils/non-product"
import { LATER_LAG_DAYS } from "../utils/co-purchase"
import { CoPurchaseEvidence, DEFAULT_OPTIONS } from "../types"

/*
 * Each customer's counted history (recommendation_customer_history) and the recount that keeps
 * `product_affinity` equal to a full rebuild customer by customer: `product_affinity` is the sum over
 * customers of the pairs of their stored history, so recounting a customer subtracts the pairs of
 * the stored rows, adds those of the current history (`cappedHistorySelect`, the full rebuild's
 * definition) and stores the current one. A recount of a customer whose history did not change
 * writes nothing, so recounting too many customers is only slower, never wrong.
 */

/**
 * The lines of counted orders (src/utils/counted-order.ts) with a customer and a product that are
 * purchases of goods (src/utils/non-product.ts: not postage, fees or adjustments, and not a product
 * the merchant flagged `metadata.non_product`): what co-purchase counts, best sellers, histories and
 * validation read, so such lines are never recommended, never seed a list and never count as bought.
 */
export const PURCHASE_LINES = `
  FROM "order" o
  ${orderLinesJoin("o", "join")}
  WHERE ${countedOrder("o")}
    AND o.customer_id IS NOT NULL
    AND li.product_id IS NOT NULL
    AND oi.quantity > 0
    AND ${goodsLineSql("li")}`

/**
 * Each customer's capped history: the `history_cap` products bought most recently (ties by product
 * id) with the first purchase of each, over the counted lines matching `where` (an SQL condition on
 * `o`, `oi`, `li`; "" for all). Columns customer_id, product_id, first_at. Bindings: those of
 * `where`, then history_cap. The one definition the full rebuild and the recount share.
 */
export function cappedHistorySelect(where = ""): string {
  return `
    SELECT customer_id, product_id, first_at FROM (
      SELECT customer_id, product_id, first_at,
             row_number() OVER (PARTITION BY customer_id ORDER BY last_at DESC, product_id) AS rn
      FROM (
        SELECT o.customer_id, li.product_id, max(o.created_at) AS last_at, min(o.created_at) AS first_at
        ${PURCHASE_LINES} ${where ? `AND ${where}` : ""}
        GROUP BY o.customer_id, li.product_id
      ) bought
    ) ranked WHERE rn <= ?`
}

/**
 * Pair changes of the histories passed as arrays (`sign` -1: the stored history, 1: the current),
 * the same counts as the full rebuild (customers, came back later, 1 / the customer's products)
 * summed per (product, related product). Bindings: customer_id[], product_id[], first_at[], sign[].
 */
const DELTAS_SQL = `
  WITH h AS (
    SELECT customer_id, product_id, first_at, sign,
           count(*) OVER (PARTITION BY customer_id, sign) AS products
    FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::int[]) AS t(customer_id, product_id, first_at, sign)
  )
  SELECT a.product_id AS a, b.product_id AS b, sum(a.sign)::int AS c,
         coalesce(sum(a.sign) FILTER (WHERE b.first_at >= a.first_at + interval '${LATER_LAG_DAYS} day'), 0)::int AS l,
         sum(CASE WHEN a.product_id = b.product_id THEN 0 ELSE a.sign::float8 / a.products END) AS w
  FROM h a JOIN h b ON a.customer_id = b.customer_id AND a.sign = b.sign
  GROUP BY a.product_id, b.product_id`

type HistoryRow = { customer_id: string; product_id: string; first_at: string }

/** What a recount did. */
export type RecountResult = {
  /** Customers recounted. */
  customers: number
  /** Of those, customers whose counted history differed from the stored one. */
  changed: number
  /** Products that entered a changed customer's counted history. */
  new_products: number
  /** Pairs (product <> related product) whose customer count moved. */
  pairs: number
  /** `product_affinity` rows written (upserted, then deleted when no customer is left). */
  rows: number
}

const byCustomer = (rows: HistoryRow[]) => {
  const out = new Map<string, HistoryRow[]>()
  for (const r of rows) {
    const list = out.get(r.customer_id)
    if (list) {
      list.push(r)
    } else {
      out.set(r.customer_id, [r])
    }
  }
  return out
}

/** Same products with the same first purchase (timestamps as PostgreSQL's text, to the microsecond). */
function sameHistory(a: HistoryRow[] = [], b: HistoryRow[] = []): boolean {
  if (a.length !== b.length) {
    return false
  }
  const first = new Map(a.map((r) => [r.product_id, r.first_at]))
  return b.every((r) => first.get(r.product_id) === r.first_at)
}

/**
 * Recounts customers into `product_affinity` (see the top of this file), in the caller's
 * transaction. The caller keeps two recounts of one customer from interleaving (`recountOrderCustomer`
 * takes a per-customer lock; the nightly pass holds the rebuild's table lock).
 */
export async function recountCustomers(
  em: unknown,
  customerIds: string[],
  historyCap: number,
  perStatement = 500
): Promise<RecountResult> {
  const result: RecountResult = { customers: 0, changed: 0, new_products: 0, pairs: 0, rows: 0 }
  const ids = [...new Set(customerIds)].sort()
  for (let i = 0; i < ids.length; i += perStatement) {
    const chunk = ids.slice(i, i + perStatement)
    const part = await recountChunk(em, chunk, historyCap)
    result.customers += chunk.length
    result.changed += part.changed
    result.new_products += part.new_products
    result.pairs += part.pairs
    result.rows += part.rows
  }
  return result
}

async function recountChunk(em: unknown, customerIds: string[], historyCap: number) {
  const ids = pgTextArray(customerIds)
  const current = byCustomer(
    await runSql<HistoryRow>(
      em,
      `SELECT customer_id, product_id, first_at::text AS first_at
       FROM (${cappedHistorySelect("o.customer_id = ANY(?::text[])")}) h`,
      [ids, historyCap]
    )
  )
  const stored = byCustomer(
    await runSql<HistoryRow>(
      em,
      `SELECT customer_id, product_id, first_purchased_at::text AS first_at FROM recommendation_customer_history
       WHERE customer_id = ANY(?::text[]) AND deleted_at IS NULL`,
      [ids]
    )
  )
  const changed = customerIds.filter((c) => !sameHistory(stored.get(c), current.get(c)))
  if (!changed.length) {
    return { changed: 0, new_products: 0, pairs: 0, rows: 0 }
  }
  const before = changed.flatMap((c) => stored.get(c) ?? [])
  const after = changed.flatMap((c) => current.get(c) ?? [])
  const had = new Set(before.map((r) => `${r.customer_id}\u0000${r.product_id}`))
  const rows = [...before.map((r) => [r, -1] as const), ...after.map((r) => [r, 1] as const)]
  // Rows upserted in (product, related product) order: concurrent recounts lock rows in one order.
  const written = await runSql<{ id: string; customer_count: number; pair: boolean; moved: boolean }>(
    em,
    `WITH d AS (${DELTAS_SQL}), up AS (
       INSERT INTO product_affinity (id, product_id, related_product_id, customer_count, later_count, weight, weighted_count)
       SELECT 'praff_' || md5(a || '|' || b), a, b, c, l, c + l, w FROM d
       WHERE c <> 0 OR l <> 0 OR w <> 0
       ORDER BY a, b
       ON CONFLICT (product_id, related_product_id) WHERE deleted_at IS NULL
       DO UPDATE SET customer_count = product_affinity.customer_count + excluded.customer_count,
                     later_count = product_affinity.later_count + excluded.later_count,
                     weight = product_affinity.weight + excluded.weight,
                     weighted_count = product_affinity.weighted_count + excluded.weighted_count,
                     updated_at = now()
       RETURNING id, product_id, related_product_id, customer_count
     )
     SELECT up.id, up.customer_count, up.product_id <> up.related_product_id AS pair, d.c <> 0 AS moved
     FROM up JOIN d ON d.a = up.product_id AND d.b = up.related_product_id`,
    [
      pgTextArray(rows.map(([r]) => r.customer_id)),
      pgTextArray(rows.map(([r]) => r.product_id)),
      pgTextArray(rows.map(([r]) => r.first_at)),
      `{${rows.map(([, sign]) => sign).join(",")}}`,
    ]
  )
  const gone = written.filter((r) => Number(r.customer_count) <= 0).map((r) => r.id)
  if (gone.length) {
    await runSql(em, `DELETE FROM product_affinity WHERE id = ANY(?::text[])`, [pgTextArray(gone)])
  }
  const changedIds = pgTextArray(changed)
  await runSql(em, `DELETE FROM recommendation_customer_history WHERE customer_id = ANY(?::text[])`, [changedIds])
  if (after.length) {
    await runSql(
      em,
      `INSERT INTO recommendation_customer_history (id, customer_id, product_id, first_purchased_at)
       SELECT 'rech_' || md5(c || '|' || p), c, p, f
       FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS t(c, p, f)`,
      [
        pgTextArray(after.map((r) => r.customer_id)),
        pgTextArray(after.map((r) => r.product_id)),
        pgTextArray(after.map((r) => r.first_at)),
      ]
    )
  }
  return {
    changed: changed.length,
    new_products: after.filter((r) => !had.has(`${r.customer_id}\u0000${r.product_id}`)).length,
    pairs: written.filter((r) => r.pair && r.moved).length,
    rows: written.length,
  }
}

/**
 * Orders changed since the previous pass are looked for from this long before it started: an order
 * changed in a transaction that committed after that pass read the orders is still found (and a
 * customer recounted twice writes nothing the second time).
 */
export const PASS_OVERLAP_MINUTES = 60

/**
 * Customers with an order created, updated, canceled or deleted since `since` (any order, counted
 * or not: a canceled or deleted order no longer counts). One scan of `"order"`.
 */
export async function customersWithOrdersChangedSince(em: unknown, since: Date): Promise<string[]> {
  const rows = await runSql<{ customer_id: string }>(
    em,
    `SELECT DISTINCT o.customer_id FROM "order" o
     WHERE o.customer_id IS NOT NULL
       AND greatest(o.created_at, o.updated_at, o.canceled_at, o.deleted_at) >= ?`,
    [since]
  )
  return rows.map((r) => r.customer_id)
}

/** Where the stored histories stand against `product_affinity` (see `affinityPassState`). */
export type AffinityPassState = {
  /** The stored histories add up to `product_affinity` at this history cap: a recount is exact. */
  tracked: boolean
  /** Start of the latest full rebuild (null: none recorded). */
  full_at: Date | null
  /** Start of the latest pass of either kind since it. */
  last_at: Date | null
}

/**
 * Tracked when the latest full rebuild kept histories at `historyCap`; with none recorded, when
 * `product_affinity` is empty or histories are kept (a new store counts from its first order; a
 * store upgraded from a version without histories is not tracked until its first full rebuild).
 */
export async function affinityPassState(em: unknown, historyCap: number): Promise<AffinityPassState> {
  const [row] = await runSql<{
    full_cap: number | null
    full_at: Date | string | null
    last_at: Date | string | null
    has_counts: boolean
    has_histories: boolean
  }>(
    em,
    `WITH f AS (
       SELECT history_cap, started_at FROM recommendation_affinity_pass
       WHERE kind = 'full' AND deleted_at IS NULL ORDER BY started_at DESC LIMIT 1
     )
     SELECT (SELECT history_cap FROM f) AS full_cap, (SELECT started_at FROM f) AS full_at,
            (SELECT max(started_at) FROM recommendation_affinity_pass
             WHERE deleted_at IS NULL AND started_at >= (SELECT started_at FROM f)) AS last_at,
            EXISTS (SELECT 1 FROM product_affinity WHERE deleted_at IS NULL) AS has_counts,
            EXISTS (SELECT 1 FROM recommendation_customer_history WHERE deleted_at IS NULL) AS has_histories`
  )
  const tracked = row.full_at !== null ? Number(row.full_cap) === historyCap : !row.has_counts || row.has_histories
  return {
    tracked,
    full_at: row.full_at === null ? null : new Date(row.full_at),
    last_at: row.last_at === null ? null : new Date(row.last_at),
  }
}

/** Products with co-purchase counts, and those with a neighbour bought with them by `min_support` customers or more. */
export type PairedProductCounts = Pick<CoPurchaseEvidence, "products" | "paired_products" | "min_support">

/**
 * `PairedProductCounts` of `product_affinity` as it stands: its diagonal rows (the products), each
 * probed for one neighbour with `customer_count >= minSupport` on the neighbour index from the
 * heaviest down (`weight >= minSupport` bounds the probe: weight = customers + came back later).
 * About 0.3-0.5 s on a 5M-row table with 26,000 products, 20,000 of them unpaired (docs/data-audit.md).
 */
export async function pairedProductCounts(em: unknown, minSupport: number): Promise<PairedProductCounts> {
  const [row] = await runSql<{ products: string; paired: string }>(
    em,
    `SELECT count(*)::text AS products,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM product_affinity n
              WHERE n.product_id = d.product_id AND n.related_product_id <> d.product_id
                AND n.weight >= ? AND n.customer_count >= ? AND n.deleted_at IS NULL
            ))::text AS paired
     FROM product_affinity d
     WHERE d.product_id = d.related_product_id AND d.deleted_at IS NULL`,
    [minSupport, minSupport]
  )
  return { products: Number(row.products), paired_products: Number(row.paired), min_support: minSupport }
}

/**
 * Records a completed pass (`started_at`: the transaction's start) with the paired-product counts of
 * `product_affinity` after it (call it once the table holds the pass's counts).
 */
export async function recordAffinityPass(
  em: unknown,
  pass: { kind: "full" | "incremental"; history_cap: number; customers: number; changed: number; rows: number },
  minSupport: number
): Promise<void> {
  const pairing = await pairedProductCounts(em, minSupport)
  await runSql(
    em,
    `INSERT INTO recommendation_affinity_pass
       (id, kind, history_cap, started_at, finished_at, customers, changed, rows, products, paired_products, min_support)
     VALUES (?, ?, ?, now(), clock_timestamp(), ?, ?, ?, ?, ?, ?)`,
    [
      generateEntityId(undefined, "recap"),
      pass.kind,
      pass.history_cap,
      pass.customers,
      pass.changed,
      pass.rows,
      pairing.products,
      pairing.paired_products,
      pairing.min_support,
    ]
  )
}

/** The paired-product counts of the latest pass that recorded them, with its kind and end; null: none did. */
export async function latestPairedProductCounts(em: unknown): Promise<CoPurchaseEvidence | null> {
  const [row] = await runSql<{
    products: number
    paired_products: number
    min_support: number
    kind: "full" | "incremental"
    finished_at: Date | string
  }>(
    em,
    `SELECT products, paired_products, min_support, kind, finished_at FROM recommendation_affinity_pass
     WHERE products IS NOT NULL AND deleted_at IS NULL
     ORDER BY started_at DESC, id DESC LIMIT 1`
  )
  return row
    ? {
        products: Number(row.products),
        paired_products: Number(row.paired_products),
        min_support: Number(row.min_support),
        pass: row.kind,
        counted_at: new Date(row.finished_at).toISOString(),
      }
    : null
}

/**
 * The nightly incremental pass: recounts the customers whose orders changed since the previous
 * pass (less `PASS_OVERLAP_MINUTES`) and records it with the paired-product counts at `minSupport`. Holds the full rebuild's lock, so no
 * `recordOrder` recounts meanwhile (they wait, then find their customer's history current).
 */
export async function incrementalAffinityPass(
  em: unknown,
  historyCap: number,
  since: Date,
  minSupport = DEFAULT_OPTIONS.min_support
): Promise<RecountResult & { since: Date }> {
  await runSql(em, `LOCK TABLE recommendation_processed_order IN EXCLUSIVE MODE`)
  // room for the pair aggregate of thousands of customers; no JIT compiling (as the full rebuild)
  await runSql(em, `SET LOCAL work_mem = '256MB'`)
  await runSql(em, `SET LOCAL jit = off`)
  const from = new Date(since.getTime() - PASS_OVERLAP_MINUTES * 60000)
  const customers = await customersWithOrdersChangedSince(em, from)
  // large statements: a pair shared by customers of several statements is rewritten once per statement
  const result = await recountCustomers(em, customers, historyCap, 20000)
  await recordAffinityPass(em, { kind: "incremental", history_cap: historyCap, ...result }, minSupport)
  return { ...result, since: from }
}

/**
 * Counts one placed order (the `order.placed` subscriber): marks it processed (once: a replayed
 * event does nothing) and recounts its customer under a per-customer lock. Before the first full
 * rebuild of a store upgraded from a version without histories (`affinityPassState`), it only
 * marks the order: that rebuild counts it.
 */
export async function recountOrderCustomer(
  em: unknown,
  orderId: string,
  historyCap: number
): Promise<{ processed: boolean; new_products: number; pairs: number; rows: number }> {
  const inserted = await runSql<{ id: string }>(
    em,
    `INSERT INTO recommendation_processed_order (id, order_id) VALUES (?, ?)
       ON CONFLICT DO NOTHING RETURNING id`,
    [generateEntityId(undefined, "recpo"), orderId]
  )
  if (!inserted.length) {
    return { processed: false, new_products: 0, pairs: 0, rows: 0 }
  }
  const [order] = await runSql<{ customer_id: string | null }>(em, `SELECT customer_id FROM "order" WHERE id = ?`, [
    orderId,
  ])
  if (!order?.customer_id || !(await affinityPassState(em, historyCap)).tracked) {
    return { processed: true, new_products: 0, pairs: 0, rows: 0 }
  }
  // two orders of one customer counted at once would both subtract the same stored history
  await runSql(em, `SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [
    `recommendation:customer-history:${order.customer_id}`,
  ])
  const { new_products, pairs, rows } = await recountCustomers(em, [order.customer_id], historyCap)
  return { processed: true, new_products, pairs, rows }
}
