import { pgTextArray, runSql } from "../../../utils/sql"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { countedOrder, orderLinesJoin, placedOrder } from "../../../utils/counted-order"
import { incrementalPairs, incrementalWeights, LATER_LAG_DAYS } from "../utils/co-purchase"

/*
 * The recommendation module's SQL over its own tables (product_affinity, processed orders, served
 * lists) and over Medusa's order lines, which it counts on the one definition of a counted order.
 * Functions take the entity manager of the caller's transaction; the service decides the
 * transactions, caching and options.
 */

/** The lines of counted orders (src/utils/counted-order.ts) with a customer and a product. */
export const PURCHASE_LINES = `
  FROM "order" o
  ${orderLinesJoin("o", "join")}
  WHERE ${countedOrder("o")}
    AND o.customer_id IS NOT NULL
    AND li.product_id IS NOT NULL
    AND oi.quantity > 0`

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
 * Rebuilds `product_affinity` from the order tables (build and swap, see the service's
 * `rebuildAffinity`) and marks every placed order processed. Run inside one REPEATABLE READ
 * transaction.
 */
export async function rebuildAffinityTables(
  em: unknown,
  historyCap: number
): Promise<{ pairs: number; orders: number }> {
  // Taken before the snapshot: `recordOrder` waits for the swap instead of counting an order into
  // the table being replaced, then finds the orders counted here already marked as processed
  // (reads of both tables go on meanwhile).
  await runSql(em, `LOCK TABLE recommendation_processed_order IN EXCLUSIVE MODE`)
  // Room for the pair aggregation, which spills to disk at the default 4 MB.
  await runSql(em, `SET LOCAL work_mem = '256MB'`)
  await runSql(em, `DROP TABLE IF EXISTS ${AFFINITY_NEXT}`)
  await runSql(em, `CREATE TABLE ${AFFINITY_NEXT} (LIKE product_affinity INCLUDING DEFAULTS)`)
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
  await swapInAffinity(em)
  const [{ pairs }] = await runSql<{ pairs: string }>(
    em,
    `SELECT count(*)::text AS pairs FROM product_affinity WHERE product_id <> related_product_id`
  )
  const [{ orders }] = await runSql<{ orders: string }>(
    em,
    `SELECT count(*)::text AS orders FROM recommendation_processed_order`
  )
  return { pairs: Number(pairs), orders: Number(orders) }
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

/**
 * Counts one order into `product_affinity` once (see the service's `recordOrder`); the pairs are
 * with the customer's earlier orders only, so orders counted in any order give the same counts.
 */
export async function recordOrderPairs(
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
  const lines = await runSql<{ customer_id: string; product_id: string; created_at: Date | string }>(
    em,
    `SELECT DISTINCT o.customer_id, li.product_id, o.created_at ${PURCHASE_LINES} AND o.id = ?`,
    [orderId]
  )
  if (!lines.length) {
    return { processed: true, new_products: 0, pairs: 0, rows: 0 }
  }
  const customerId = lines[0].customer_id
  const previous = await runSql<{ product_id: string; first_at: Date | string }>(
    em,
    // Earlier orders only: a later order already in the tables (events queued while the worker
    // was down, or delivered out of order) pairs with this one when its own event is counted.
    `SELECT li.product_id, max(o.created_at) AS last_at, min(o.created_at) AS first_at ${PURCHASE_LINES}
         AND o.customer_id = ? AND (o.created_at, o.id) < (SELECT t.created_at, t.id FROM "order" t WHERE t.id = ?)
       GROUP BY li.product_id ORDER BY last_at DESC, li.product_id LIMIT ?`,
    [customerId, orderId, historyCap]
  )
  const { newItems, pairs, later } = incrementalPairs(
    previous.map((p) => ({ product_id: p.product_id, first_purchased_at: new Date(p.first_at) })),
    lines.map((l) => l.product_id),
    new Date(lines[0].created_at)
  )
  // per ordered pair: customers (+1 for new pairs), came back later (+1), weighted (RP3beta's
  // 1 / the customer's products: every pair of the customer's products moves, incrementalWeights)
  const rows = new Map<string, [string, string, number, number, number]>()
  const row = (a: string, b: string) => {
    const key = `${a}|${b}`
    let r = rows.get(key)
    if (!r) {
      r = [a, b, 0, 0, 0]
      rows.set(key, r)
    }
    return r
  }
  newItems.forEach((id) => (row(id, id)[2] = 1))
  pairs.forEach(([a, b]) => (row(a, b)[2] = 1))
  later.forEach(([a, b]) => (row(a, b)[3] = 1))
  for (const [a, b, delta] of incrementalWeights(
    previous.map((p) => p.product_id),
    newItems
  )) {
    row(a, b)[4] = delta
  }
  const all = [...rows.values()]
  for (let i = 0; i < all.length; i += 2000) {
    const chunk = all.slice(i, i + 2000)
    await runSql(
      em,
      `INSERT INTO product_affinity (${AFFINITY_COLUMNS})
       SELECT 'praff_' || md5(a || '|' || b), a, b, c, l, c + l, w
       FROM unnest(ARRAY[?]::text[], ARRAY[?]::text[], ARRAY[?]::int[], ARRAY[?]::int[], ARRAY[?]::float8[])
         AS t(a, b, c, l, w)
       ON CONFLICT (product_id, related_product_id) WHERE deleted_at IS NULL
       DO UPDATE SET customer_count = product_affinity.customer_count + excluded.customer_count,
                     later_count = product_affinity.later_count + excluded.later_count,
                     weight = product_affinity.weight + excluded.weight,
                     weighted_count = product_affinity.weighted_count + excluded.weighted_count,
                     updated_at = now()`,
      [
        chunk.map((p) => p[0]),
        chunk.map((p) => p[1]),
        chunk.map((p) => p[2]),
        chunk.map((p) => p[3]),
        chunk.map((p) => p[4]),
      ]
    )
  }
  return { processed: true, new_products: newItems.length, pairs: pairs.length, rows: all.length }
}
