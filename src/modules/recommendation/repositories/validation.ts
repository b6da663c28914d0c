import { runSql } from "../../../utils/sql"
import { countedOrder } from "../../../utils/counted-order"
import { ValidationPurchase } from "../utils/validation"
import { PURCHASE_LINES } from "./affinity"
import { pgTextArray } from "./reads"

const intern = (seen: Map<string, string>, id: string): string => {
  const known = seen.get(id)
  if (known !== undefined) {
    return known
  }
  seen.set(id, id)
  return id
}

/** Customers read per query: bounds each result set, whatever the store's size. */
const CUSTOMERS_PER_PAGE = 5000

/**
 * The store's purchases for validation: one row per customer, product and order time over the
 * lines of counted orders (the same lines `product_affinity` counts), read a page of customers at
 * a time (keyset on customer id) so no single result holds a large store's million lines.
 */
export async function validationPurchases(db: unknown): Promise<ValidationPurchase[]> {
  const out: ValidationPurchase[] = []
  // one string per product id, not one per row (a large store repeats each id thousands of times)
  const products = new Map<string, string>()
  let after = ""
  for (;;) {
    const page = await runSql<{ customer_id: string }>(
      db,
      `SELECT DISTINCT o.customer_id FROM "order" o
       WHERE ${countedOrder("o")} AND o.customer_id IS NOT NULL AND o.customer_id > ?
       ORDER BY o.customer_id LIMIT ?`,
      [after, CUSTOMERS_PER_PAGE]
    )
    if (!page.length) {
      return out
    }
    const rows = await runSql<{ customer_id: string; product_id: string; at: Date | string }>(
      db,
      `SELECT DISTINCT o.customer_id, li.product_id, o.created_at AS at ${PURCHASE_LINES}
         AND o.customer_id = ANY(?::text[])`,
      [pgTextArray(page.map((p) => p.customer_id))]
    )
    const customers = new Map<string, string>()
    for (const r of rows) {
      out.push({
        customer_id: intern(customers, r.customer_id),
        product_id: intern(products, r.product_id),
        at: new Date(r.at),
      })
    }
    after = page[page.length - 1].customer_id
  }
}
