/**
 * The one definition of which orders count, shared by every SQL that reads Medusa's order tables
 * (segment facts and rules, objective metrics, co-purchase counts, the data audit).
 *
 * - A *placed* order is not deleted and not a draft (`is_draft_order`, or status `draft`).
 * - A placed order is *canceled* when its status is `canceled` or it has a `canceled_at` date
 *   (Medusa sets both; an import or a script may set one).
 * - A *counted* order is placed and not canceled: it is a purchase.
 * - Its lines are the order items at the order's current version (an edited order counts as edited).
 *
 * Each takes the alias of the `"order"` table in the query.
 */
export function placedOrder(o = "o"): string {
  return `${o}.deleted_at is null and ${o}.is_draft_order = false and ${o}.status <> 'draft'`
}

export function canceledOrder(o = "o"): string {
  return `(${o}.status = 'canceled' or ${o}.canceled_at is not null)`
}

export function countedOrder(o = "o"): string {
  return `${placedOrder(o)} and not ${canceledOrder(o)}`
}

/** Join of an order's items at its current version (`oi`) and their line items (`li`). */
export function orderLinesJoin(o = "o", kind: "join" | "left join" = "left join"): string {
  return `${kind} order_item oi on oi.order_id = ${o}.id and oi.version = ${o}.version and oi.deleted_at is null
    ${lineItemJoin(kind)}`
}

/** Join of an order item's (`oi`) line item (`li`), the second half of `orderLinesJoin`. */
export function lineItemJoin(kind: "join" | "left join" = "left join"): string {
  return `${kind} order_line_item li on li.id = oi.item_id and li.deleted_at is null`
}

/** An order's total as the plugin reads it: the sum of quantity x unit price over its current lines. */
export const ORDER_LINES_TOTAL = "sum(oi.quantity * coalesce(oi.unit_price, li.unit_price))"
