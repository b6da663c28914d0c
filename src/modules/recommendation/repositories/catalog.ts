import { productWindow } from "../../../utils/repurchase"
import { pgTextArray, runSql } from "../../../utils/sql"
import { PopularItem } from "../types"
import { ProductFacts } from "../utils/types"

/*
 * Reads of Medusa's catalog tables on the request path (like the order tables, core data the
 * recommendation module reads but never writes). SQL, not query.graph: on the 200k-line bench
 * store, facts of 16 products took 3.0 ms (0.9 ms CPU) here against 37.9 ms (19.7 ms CPU) through
 * query.graph with the sales-channel link, and every request re-checks the products it lists.
 */

/**
 * Status, sales channel membership, categories, collection, tags and repurchase window of products
 * (the product's own, else the largest of its categories': `productWindow`).
 */
export async function productFacts(
  db: unknown,
  productIds: string[],
  salesChannelIds: string[]
): Promise<Map<string, ProductFacts>> {
  const out = new Map<string, ProductFacts>()
  if (!productIds.length) {
    return out
  }
  const channels = salesChannelIds.length ? salesChannelIds : ["__none__"]
  const result = await runSql<{
    id: string
    status: string
    collection_id: string | null
    repurchase_window_days: string | null
    category_windows: (string | null)[] | null
    in_channel: boolean
    category_ids: string[] | null
    tag_ids: string[] | null
  }>(
    db,
    `SELECT p.id, p.status, p.collection_id,
            p.metadata->>'repurchase_window_days' AS repurchase_window_days,
            ARRAY(SELECT pc.metadata->>'repurchase_window_days' FROM product_category_product pcp
                  JOIN product_category pc ON pc.id = pcp.product_category_id AND pc.deleted_at IS NULL
                  WHERE pcp.product_id = p.id) AS category_windows,
            EXISTS (
              SELECT 1 FROM product_sales_channel psc
              WHERE psc.product_id = p.id AND psc.sales_channel_id IN (?) AND psc.deleted_at IS NULL
            ) AS in_channel,
            ARRAY(SELECT pcp.product_category_id FROM product_category_product pcp WHERE pcp.product_id = p.id) AS category_ids,
            ARRAY(SELECT pt.product_tag_id FROM product_tags pt WHERE pt.product_id = p.id) AS tag_ids
     FROM product p
     WHERE p.id = ANY(?::text[]) AND p.deleted_at IS NULL`,
    [channels, pgTextArray(productIds)]
  )
  for (const r of result) {
    const window = productWindow(r.repurchase_window_days, r.category_windows ?? [])
    out.set(r.id, {
      published: r.status === "published",
      in_sales_channel: !!r.in_channel,
      collection_id: r.collection_id,
      category_ids: r.category_ids ?? [],
      tag_ids: r.tag_ids ?? [],
      repurchase_window_days: window.days,
      repurchase_window_from: window.from,
    })
  }
  return out
}

/** Best sellers (customers who bought, from product_affinity's diagonal) within categories. */
export async function bestSellersInCategories(
  db: unknown,
  categoryIds: string[],
  limit: number
): Promise<PopularItem[]> {
  if (!categoryIds.length) {
    return []
  }
  const result = await runSql<{ product_id: string; count: number }>(
    db,
    `SELECT pa.product_id, max(pa.customer_count) AS count FROM product_affinity pa
     JOIN product_category_product pcp ON pcp.product_id = pa.product_id
     WHERE pcp.product_category_id IN (?) AND pa.product_id = pa.related_product_id AND pa.deleted_at IS NULL
     GROUP BY pa.product_id
     ORDER BY count DESC, pa.product_id LIMIT ?`,
    [categoryIds, limit]
  )
  return result.map((r) => ({ product_id: r.product_id, count: Number(r.count) }))
}
