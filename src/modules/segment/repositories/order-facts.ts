import { canceledOrder, ORDER_LINES_TOTAL, orderLinesJoin, placedOrder } from "../../../utils/counted-order"

/**
 * The read model `segment_order_fact`. Per-order facts computed from Medusa's tables (same definition as the live
 * compiler: total = sum(quantity * unit_price) at the order's current version),
 * as rows of `segment_order_fact`. `where` adds conditions on "order" o.
 */
export function orderFactsSelect(where: string): string {
  return `select 'segof_' || o.id, o.id, o.customer_id, lower(o.email), o.currency_code, o.created_at,
      coalesce(${ORDER_LINES_TOTAL}, 0),
      jsonb_build_object('value', coalesce(${ORDER_LINES_TOTAL}, 0)::text, 'precision', 20),
      ${canceledOrder("o")}
    from "order" o
    ${orderLinesJoin("o")}
    where ${placedOrder("o")} ${where}
    group by o.id`
}

export const ORDER_FACT_COLUMNS =
  "(id, order_id, customer_id, email, currency_code, ordered_at, item_total, raw_item_total, canceled)"

/** Rebuilds the whole read model (run both in one transaction). */
export const REBUILD_ORDER_FACTS_SQL = [
  "delete from segment_order_fact",
  `insert into segment_order_fact ${ORDER_FACT_COLUMNS} ${orderFactsSelect("")}`,
]
