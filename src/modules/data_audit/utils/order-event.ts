/** An order event's payload: Medusa names the order `id` (placed, updated, canceled...) or `order_id` (edits, returns, claims...). */
export type OrderEventData = { id?: unknown; order_id?: unknown }

/** The distinct order ids an order event names, from one payload or a list of them (`order.completed`). */
export function orderIdsOf(data: OrderEventData | OrderEventData[] | null | undefined): string[] {
  const list = Array.isArray(data) ? data : data ? [data] : []
  const ids = list.map((d) => d?.order_id ?? d?.id).filter((id): id is string => typeof id === "string" && id !== "")
  return [...new Set(ids)]
}
