import { canceledOrder, ORDER_LINES_TOTAL, orderLinesJoin, placedOrder } from "../../../utils/counted-order"
import { pgTextArray, runSql } from "../../../utils/sql"
import { lockForTransaction } from "./segment"

/*
 * The read model `segment_order_fact`: per-order facts computed from Medusa's order tables on the
 * one definition of a counted order (src/utils/counted-order.ts). Functions take the entity manager
 * of the caller's context; the service decides the transactions.
 */

/**
 * Per-order facts as rows of `segment_order_fact` (same definition as the live compiler: total =
 * sum(quantity * unit_price) at the order's current version). `where` adds conditions on "order" o.
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

/** `= any(list)` of ids bound with `pgTextArray`. */
const IN_LIST = "any(?::text[])"

/** Replaces every fact with the facts of the orders in Medusa now; returns the number of orders. */
export async function rebuildOrderFacts(db: unknown): Promise<number> {
  await lockForTransaction(db, "segment:order-facts")
  for (const sql of REBUILD_ORDER_FACTS_SQL) {
    await runSql(db, sql)
  }
  const [row] = await runSql<{ n: number }>(db, "select count(*)::int as n from segment_order_fact")
  return Number(row.n)
}

/** Fresh statistics and visibility map, so evaluation can use the covering index (outside a transaction). */
export async function vacuumOrderFacts(db: unknown): Promise<void> {
  await runSql(db, "vacuum analyze segment_order_fact")
}

/**
 * Brings the facts of these orders, or of these customers' orders, up to date. With `order_ids`,
 * the facts of orders no longer placed (deleted, draft) are deleted too. Idempotent: a replay
 * writes nothing.
 */
export async function upsertOrderFacts(
  db: unknown,
  scope: { order_ids: string[] } | { customer_ids: string[] }
): Promise<void> {
  if ("order_ids" in scope) {
    await runSql(
      db,
      `delete from segment_order_fact f where f.order_id = ${IN_LIST} and not exists (
        select 1 from "order" o where o.id = f.order_id and ${placedOrder("o")}
      )`,
      [pgTextArray(scope.order_ids)]
    )
  }
  const [where, ids] =
    "order_ids" in scope
      ? [`and o.id = ${IN_LIST}`, scope.order_ids]
      : [`and o.customer_id = ${IN_LIST}`, scope.customer_ids]
  await runSql(
    db,
    `insert into segment_order_fact ${ORDER_FACT_COLUMNS} ${orderFactsSelect(where)}
      on conflict (order_id) where deleted_at is null do update set
        customer_id = excluded.customer_id, email = excluded.email, currency_code = excluded.currency_code,
        ordered_at = excluded.ordered_at, item_total = excluded.item_total, raw_item_total = excluded.raw_item_total,
        canceled = excluded.canceled, updated_at = now()
      where (segment_order_fact.customer_id, segment_order_fact.email, segment_order_fact.currency_code,
        segment_order_fact.ordered_at, segment_order_fact.item_total, segment_order_fact.canceled)
        is distinct from (excluded.customer_id, excluded.email, excluded.currency_code,
        excluded.ordered_at, excluded.item_total, excluded.canceled)`,
    [pgTextArray(ids)]
  )
}

/** Adds the facts of orders the read model does not hold yet (orders written without events). */
export async function insertMissingOrderFacts(db: unknown): Promise<void> {
  await runSql(
    db,
    `insert into segment_order_fact ${ORDER_FACT_COLUMNS} ${orderFactsSelect(
      "and not exists (select 1 from segment_order_fact f where f.order_id = o.id and f.deleted_at is null)"
    )}
      on conflict (order_id) where deleted_at is null do nothing`
  )
}

/** Whether the read model holds any fact at all. */
export async function hasOrderFacts(db: unknown): Promise<boolean> {
  const [row] = await runSql<{ built: boolean }>(db, "select exists (select 1 from segment_order_fact) as built")
  return Boolean(row?.built)
}

/**
 * The customers whose facts an order touches: its customer, and (for guest attribution) the
 * registered customers sharing its email.
 */
export async function customersAffectedByOrder(db: unknown, orderId: string): Promise<string[]> {
  const rows = await runSql<{ id: string }>(
    db,
    `select o.customer_id as id from "order" o where o.id = ? and o.customer_id is not null
      union
      select c.id from "order" o join customer c on lower(c.email) = lower(o.email)
      where o.id = ? and o.email is not null and c.has_account = true and c.deleted_at is null`,
    [orderId, orderId]
  )
  return rows.map((r) => r.id)
}
