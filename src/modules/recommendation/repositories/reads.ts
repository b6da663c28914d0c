import { runSql } from "../../../utils/sql"
import { PopularItem } from "../types"
import { Neighbor, PurchaseHistoryItem } from "../utils/types"
import { PURCHASE_LINES } from "./affinity"

/*
 * The request path's reads: the recommendation module's own tables (product_affinity, rules) and
 * the customer's counted order lines (src/utils/counted-order.ts). Functions take the entity
 * manager of the caller's context; the service decides caching.
 */

/** The customer's purchases: distinct products with the last purchase date. */
export async function purchaseHistory(db: unknown, customerId: string): Promise<PurchaseHistoryItem[]> {
  const result = await runSql<{ product_id: string; last_at: Date | string }>(
    db,
    `SELECT li.product_id, max(o.created_at) AS last_at ${PURCHASE_LINES} AND o.customer_id = ?
     GROUP BY li.product_id`,
    [customerId]
  )
  return result.map((r) => ({ product_id: r.product_id, last_purchased_at: new Date(r.last_at) }))
}

/** Top co-purchase neighbours of each seed (count >= minSupport), best first. */
export async function neighborRows(
  db: unknown,
  productIds: string[],
  minSupport: number,
  perProduct: number
): Promise<{ seed: string; neighbor: Neighbor }[]> {
  const result = await runSql<{ seed: string; product_id: string; count: number; later: number; weighted: number }>(
    db,
    `SELECT h.pid AS seed, n.related_product_id AS product_id, n.customer_count AS count, n.later_count AS later,
            n.weighted_count AS weighted
     FROM unnest(ARRAY[?]::text[]) AS h(pid)
     CROSS JOIN LATERAL (
       SELECT pa.related_product_id, pa.customer_count, pa.later_count, pa.weighted_count FROM product_affinity pa
       WHERE pa.product_id = h.pid AND pa.related_product_id <> h.pid
         AND pa.customer_count >= ? AND pa.deleted_at IS NULL
       ORDER BY pa.weight DESC, pa.related_product_id
       LIMIT ?
     ) n`,
    [productIds, minSupport, perProduct]
  )
  return result.map((r) => ({
    seed: r.seed,
    neighbor: {
      product_id: r.product_id,
      count: Number(r.count),
      later: Number(r.later),
      weighted: Number(r.weighted),
    },
  }))
}

/** Buyers per product: the diagonal of product_affinity. */
export async function buyerCounts(db: unknown): Promise<Map<string, number>> {
  const result = await runSql<{ product_id: string; n: number }>(
    db,
    `SELECT product_id, customer_count AS n FROM product_affinity
     WHERE product_id = related_product_id AND deleted_at IS NULL`
  )
  return new Map(result.map((r) => [r.product_id, Number(r.n)]))
}

/** Store-wide best sellers (customers who bought), or among `productIds` when given. */
export async function bestSellers(db: unknown, limit: number, productIds?: string[]): Promise<PopularItem[]> {
  if (productIds && !productIds.length) {
    return []
  }
  const among = productIds ? `AND product_id = ANY(?::text[])` : ""
  const result = await runSql<{ product_id: string; count: number }>(
    db,
    `SELECT product_id, customer_count AS count FROM product_affinity
     WHERE product_id = related_product_id AND deleted_at IS NULL ${among}
     ORDER BY customer_count DESC, product_id LIMIT ?`,
    productIds ? [pgTextArray(productIds), limit] : [limit]
  )
  return result.map((r) => ({ product_id: r.product_id, count: Number(r.count) }))
}

/**
 * What cached anonymous lists depend on, in one small read: the rules' count, versions and last
 * change. A list cached under an older stamp is never served after a change by any instance.
 */
export async function rulesStamp(db: unknown): Promise<string> {
  const [row] = await runSql<{ stamp: string }>(
    db,
    `SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' ||
            coalesce(max(greatest(updated_at, deleted_at))::text, '') AS stamp
     FROM recommendation_rule`
  )
  return row?.stamp ?? ""
}

/** A PostgreSQL text[] literal (knex would expand a JS array binding into a list). */
export function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`
}

/** A read model's size and last refresh, for the data audit's freshness check. */
export type ReadModelFreshness = {
  name: string
  table: string
  rows: number
  refreshed_at: string | null
  /** rows never refreshed (always 0 here: every count row is written with its time) */
  never_refreshed: number
}

/** The co-purchase counts: rows and the newest change (a rebuild rewrites every row). */
export async function affinityFreshness(db: unknown): Promise<ReadModelFreshness> {
  const [r] = await runSql<{ n: string | number; refreshed_at: Date | string | null }>(
    db,
    `SELECT count(*) AS n, max(greatest(created_at, updated_at)) AS refreshed_at
     FROM product_affinity WHERE deleted_at IS NULL`
  )
  return {
    name: "co-purchase neighbours",
    table: "product_affinity",
    rows: Number(r?.n ?? 0),
    refreshed_at: r?.refreshed_at ? new Date(r.refreshed_at).toISOString() : null,
    never_refreshed: 0,
  }
}
