import {
  canceledOrder,
  lineItemJoin,
  ORDER_LINES_TOTAL,
  orderLinesJoin,
  placedOrder,
} from "../../../utils/counted-order"
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
  return `select ${factValues(ORDER_LINES_TOTAL)}
    from "order" o
    ${orderLinesJoin("o")}
    where ${placedOrder("o")} ${where}
    group by o.id`
}

/** The values of a fact of order `o` whose lines total `total`, in the order of `ORDER_FACT_COLUMNS`. */
const factValues = (total: string) => `'segof_' || o.id, o.id, o.customer_id, lower(o.email), o.currency_code,
      o.created_at, coalesce(${total}, 0), jsonb_build_object('value', coalesce(${total}, 0)::text, 'precision', 20),
      ${canceledOrder("o")}`

/**
 * The facts of every placed order, the rows `orderFactsSelect("")` gives, for a whole rebuild: the
 * lines are summed per order version first (narrow rows), then joined to the orders once (6.6 s
 * instead of 9.3 s for 1M lines). For a few orders `orderFactsSelect` is the fast form (index lookups).
 */
export function allOrderFactsSelect(): string {
  return `select ${factValues("t.total")}
    from "order" o
    left join (
      select oi.order_id, oi.version, ${ORDER_LINES_TOTAL} as total
      from order_item oi ${lineItemJoin()}
      where oi.deleted_at is null
      group by oi.order_id, oi.version
    ) t on t.order_id = o.id and t.version = o.version
    where ${placedOrder("o")}`
}

export const ORDER_FACT_COLUMNS =
  "(id, order_id, customer_id, email, currency_code, ordered_at, item_total, raw_item_total, canceled)"

/**
 * The previous rebuild, kept callable for `npm run bench:rebuild`: delete every fact, insert them all
 * again (run both in one transaction).
 */
export const REBUILD_ORDER_FACTS_SQL = [
  "delete from segment_order_fact",
  `insert into segment_order_fact ${ORDER_FACT_COLUMNS} ${orderFactsSelect("")}`,
]

/** `= any(list)` of ids bound with `pgTextArray`. */
const IN_LIST = "any(?::text[])"

/** The compared columns of a fact (all but the timestamps), as a row of alias `t`. */
const factRow = (t: string) =>
  `(${t}.id, ${t}.customer_id, ${t}.email, ${t}.currency_code, ${t}.ordered_at, ${t}.item_total, ${t}.raw_item_total, ${t}.canceled)`

/** Runs a write with `returning 1` and returns how many rows it wrote. */
async function countWritten(db: unknown, sql: string): Promise<number> {
  const [row] = await runSql<{ n: number }>(db, `with w as (${sql}) select count(*)::int as n from w`)
  return Number(row.n)
}

/**
 * Makes the read model hold exactly the facts of the orders in Medusa now (the rows the previous
 * delete-and-insert wrote). The facts are computed once into a temporary table; then only the
 * differences are written: facts of orders gone (and soft-deleted rows) deleted, changed facts
 * updated, new ones inserted, each a hash join. A nightly run after the subscribers kept the model
 * current writes nothing, leaves no dead rows and keeps the visibility map (index-only scans)
 * valid; `updated_at` tells when a fact last changed. Returns the number of orders and of rows
 * written (deleted, updated or inserted).
 */
export async function rebuildOrderFacts(db: unknown): Promise<{ orders: number; changed: number }> {
  await lockForTransaction(db, "segment:order-facts")
  // Room for the per-order aggregation of every line (it sorts on disk at the default 4 MB); no JIT
  // (compiling these few statements costs more than it saves); hash or merge joins only: an
  // anti-join against the table being written, planned as a nested loop on stale statistics (an
  // empty read model), rescans the rows it has just inserted for every row (quadratic).
  await runSql(db, "set local work_mem = '128MB'")
  await runSql(db, "set local jit = off")
  await runSql(db, "set local enable_nestloop = off")
  await runSql(
    db,
    `create temp table segment_order_fact_next ${ORDER_FACT_COLUMNS} on commit drop as ${allOrderFactsSelect()}`
  )
  const deleted = await countWritten(
    db,
    `delete from segment_order_fact f where f.deleted_at is not null
      or not exists (select 1 from segment_order_fact_next n where n.order_id = f.order_id)
      returning 1`
  )
  const updated = await countWritten(
    db,
    `update segment_order_fact f set id = n.id, customer_id = n.customer_id, email = n.email,
        currency_code = n.currency_code, ordered_at = n.ordered_at, item_total = n.item_total,
        raw_item_total = n.raw_item_total, canceled = n.canceled, updated_at = now()
      from segment_order_fact_next n
      where n.order_id = f.order_id and f.deleted_at is null and ${factRow("f")} is distinct from ${factRow("n")}
      returning 1`
  )
  const inserted = await countWritten(
    db,
    `insert into segment_order_fact ${ORDER_FACT_COLUMNS} select * from segment_order_fact_next n
      where not exists (select 1 from segment_order_fact f where f.order_id = n.order_id and f.deleted_at is null)
      returning 1`
  )
  const [row] = await runSql<{ n: number }>(db, "select count(*)::int as n from segment_order_fact_next")
  return { orders: Number(row.n), changed: deleted + updated + inserted }
}

/**
 * Fresh visibility map, so evaluation can use the covering index (outside a transaction), and fresh
 * statistics unless told nothing changed (a vacuum of an unchanged table only reads its visibility map).
 */
export async function vacuumOrderFacts(db: unknown, analyze = true): Promise<void> {
  await runSql(db, analyze ? "vacuum analyze segment_order_fact" : "vacuum segment_order_fact")
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
