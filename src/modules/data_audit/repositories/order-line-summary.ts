import type { AuditContext } from "../checks/types"
import {
  GUEST,
  LINE_PRICE,
  LineStats,
  lineStatsFrom,
  NON_PRODUCT_CODE,
  NON_PRODUCT_FLAG,
  num,
  ProductPass,
  productPass,
  repurchaseRow,
  SoldProbe,
} from "../checks/shared"
import { repurchaseSql } from "./line-scan"
import { REPURCHASE_THRESHOLDS } from "../../../utils/repurchase"
import { canceledOrder, orderLinesJoin, placedOrder } from "../../../utils/counted-order"
import { pgTextArray, runSql } from "../../../utils/sql"

/*
 * The audit read model (`audit_order_line_summary`, `audit_order_product_line`): per placed order
 * (src/utils/counted-order.ts) the line counts and revenue the line checks need, and per order and
 * product the lines that name it. Built from Medusa's order tables here, read by the audit through
 * `READ_MODEL_SOURCE` (./index.ts) while it is current, else the audit scans the lines (same findings).
 * Functions take the caller's entity manager or transaction; the service decides the transactions.
 */

/**
 * Per placed order and line product id (null: lines without one, or an order without lines): the
 * order's columns and its current lines' counts. `scope` adds conditions on "order" o. Items whose
 * line item is deleted count nowhere (as in `LINES_FROM`).
 */
const perOrderProductSelect = (scope: string) => `
  select o.id as order_id, o.version as order_version, o.updated_at as order_updated_at, o.customer_id,
         o.currency_code, o.created_at as ordered_at, ${canceledOrder("o")} as canceled,
         (o.created_at at time zone 'UTC')::date - date '1970-01-01' as day,
         li.product_id,
         count(li.id)::int as lines,
         (count(li.id) filter (where ${LINE_PRICE} <= 0))::int as non_positive_price_lines,
         (count(li.id) filter (where ${NON_PRODUCT_CODE}))::int as non_product_code_lines,
         (count(li.id) filter (where coalesce(li.metadata->>'missing_description', '') = 'true'))::int
           as missing_description_lines,
         sum(oi.quantity * ${LINE_PRICE}) filter (where li.id is not null) as revenue
  from "order" o ${orderLinesJoin("o")}
  where ${placedOrder("o")} ${scope}
  group by o.id, li.product_id`

const NEXT = "audit_order_line_next"

/** Writes the rows of `NEXT` into both tables (the orders' previous rows must be gone). */
const WRITE_NEXT = [
  `insert into audit_order_line_summary (id, order_id, order_version, order_updated_at, customer_id, currency_code,
     ordered_at, canceled, lines, non_positive_price_lines, no_product_id_lines, non_product_code_lines,
     missing_description_lines, revenue, raw_revenue)
   select 'aols_' || order_id, order_id, order_version, order_updated_at, customer_id, currency_code, ordered_at, canceled,
     sum(lines), sum(non_positive_price_lines), coalesce(sum(lines) filter (where product_id is null), 0),
     sum(non_product_code_lines), sum(missing_description_lines), coalesce(sum(revenue), 0),
     jsonb_build_object('value', coalesce(sum(revenue), 0)::text, 'precision', 20)
   from ${NEXT}
   group by order_id, order_version, order_updated_at, customer_id, currency_code, ordered_at, canceled`,
  `insert into audit_order_product_line (id, order_id, product_id, customer_id, day, canceled, lines, non_code_lines)
   select 'aopl_' || order_id || '_' || product_id, order_id, product_id, customer_id, day, canceled,
     lines, lines - non_product_code_lines
   from ${NEXT} where product_id is not null`,
]

/**
 * Placed orders whose summary is missing or no longer matches the order (version, last update,
 * customer, currency, date, canceled), and summaries of orders no longer placed (deleted, draft):
 * one hash join of the orders and the summaries. A line change through Medusa (an edit, a claim, an
 * exchange) creates a new order version.
 */
export const STALE_ORDERS_SQL = `
  select coalesce(o.id, s.order_id) as id
  from (select * from "order" o where ${placedOrder("o")}) o
  full join audit_order_line_summary s on s.order_id = o.id
  where o.id is null or s.order_id is null
    or (s.order_version, s.order_updated_at, s.customer_id, s.currency_code, s.ordered_at, s.canceled)
       is distinct from (o.version, o.updated_at, o.customer_id, o.currency_code, o.created_at, ${canceledOrder("o")})`

const lock = (db: unknown) => runSql(db, "select pg_advisory_xact_lock(hashtext(?))", ["data_audit:order_lines"])

/**
 * A 64-bit hash of the order columns a summary mirrors, as SQL over these expressions (id,
 * version, updated_at, customer, currency, created_at, canceled): the same text for an order and
 * its current summary. Timestamps as epoch numbers, so the session's time zone cannot change it.
 */
const fingerprint = (cols: string[]) =>
  `hashtextextended(concat_ws('|', ${cols.map((c) => `coalesce((${c})::text, '-')`).join(", ")}), 0)`

/**
 * Whether the summaries mirror exactly the placed orders: same count and same sum of fingerprints
 * on both sides, two scans without a join (a changed, added or removed order changes the sum
 * unless 64-bit hashes collide). The cheap test each sync and each audit run makes first.
 */
export const READ_MODEL_CURRENT_SQL = `select
  (select row(count(*), coalesce(sum(${fingerprint([
    "o.id",
    "o.version",
    "extract(epoch from o.updated_at)",
    "o.customer_id",
    "o.currency_code",
    "extract(epoch from o.created_at)",
    canceledOrder("o"),
  ])}), 0)) from "order" o where ${placedOrder("o")})
  = (select row(count(*), coalesce(sum(${fingerprint([
    "s.order_id",
    "s.order_version",
    "extract(epoch from s.order_updated_at)",
    "s.customer_id",
    "s.currency_code",
    "extract(epoch from s.ordered_at)",
    "s.canceled",
  ])}), 0)) from audit_order_line_summary s) as current`

/** Whether the read model mirrors the placed orders (`READ_MODEL_CURRENT_SQL`). */
export async function readModelMatches(db: unknown): Promise<boolean> {
  const [r] = await runSql<{ current: boolean }>(db, READ_MODEL_CURRENT_SQL)
  return !!r?.current
}

/** Up to `limit` ids of orders whose read-model rows are stale (`STALE_ORDERS_SQL`). */
export async function staleOrderIds(db: unknown, limit: number): Promise<string[]> {
  const rows = await runSql<{ id: string }>(db, `select id from (${STALE_ORDERS_SQL}) x limit ?`, [limit])
  return rows.map((r) => String(r.id))
}

/**
 * Brings these orders' rows up to date (rows of orders no longer placed are removed). Run in a
 * transaction; idempotent: a replay writes the same rows.
 */
export async function refreshOrderLines(db: unknown, orderIds: string[]): Promise<number> {
  await lock(db)
  const ids = pgTextArray(orderIds)
  await runSql(db, "delete from audit_order_product_line where order_id = any(?::text[])", [ids])
  await runSql(db, "delete from audit_order_line_summary where order_id = any(?::text[])", [ids])
  await runSql(
    db,
    `create temp table ${NEXT} on commit drop as ${perOrderProductSelect("and o.id = any(?::text[])")}`,
    [ids]
  )
  return await writeNext(db)
}

/**
 * Rebuilds the read model from every placed order (the backfill): the lines are joined once
 * (parallel, into a temporary table), then both tables are replaced. Run in a transaction:
 * audits see the previous rows until it commits. Returns the number of orders.
 */
export async function rebuildOrderLines(db: unknown): Promise<number> {
  await lock(db)
  // Room for the aggregation of every line by order and product; no JIT for these few statements.
  await runSql(db, "set local work_mem = '256MB'")
  await runSql(db, "set local jit = off")
  await runSql(db, `create temp table ${NEXT} on commit drop as ${perOrderProductSelect("")}`)
  await runSql(db, "delete from audit_order_product_line")
  await runSql(db, "delete from audit_order_line_summary")
  return await writeNext(db)
}

/**
 * Stale orders from which a sync rebuilds the whole read model instead of refreshing them one by
 * one (the first sync, after a bulk import): one join of every line beats that many index lookups.
 */
export const REBUILD_FROM = 10000

export type OrderLinesSync = { mode: "current" | "refreshed" | "rebuilt"; orders: number }

/**
 * Brings the read model up to date with the orders: nothing when it is current, the stale orders'
 * rows when there are at most `rebuildFrom`, else a rebuild from every order (the backfill). Run
 * in a transaction; vacuum after a rebuild, once committed.
 */
export async function syncOrderLines(db: unknown, rebuildFrom = REBUILD_FROM): Promise<OrderLinesSync> {
  await lock(db)
  if (await readModelMatches(db)) {
    return { mode: "current", orders: 0 }
  }
  const stale = await staleOrderIds(db, rebuildFrom + 1)
  // No stale order although the fingerprints differ cannot happen short of a hash collision;
  // a rebuild makes the two sides equal again instead of leaving every audit on the scans.
  if (!stale.length || stale.length > rebuildFrom) {
    return { mode: "rebuilt", orders: await rebuildOrderLines(db) }
  }
  await refreshOrderLines(db, stale)
  return { mode: "refreshed", orders: stale.length }
}

async function writeNext(db: unknown): Promise<number> {
  for (const sql of WRITE_NEXT) {
    await runSql(db, sql)
  }
  const [row] = await runSql<{ n: number }>(db, `select count(distinct order_id)::int as n from ${NEXT}`)
  await runSql(db, `drop table ${NEXT}`)
  return Number(row.n)
}

/** Fresh statistics and visibility map after a rebuild (outside a transaction). */
export async function vacuumOrderLines(db: unknown): Promise<void> {
  await runSql(db, "vacuum analyze audit_order_line_summary")
  await runSql(db, "vacuum analyze audit_order_product_line")
}

/** Line counts per (currency, guest, canceled) from the summaries; the guest flag is the customer's now. */
export const LINE_STATS_SQL = `
  select s.currency_code as currency, ${GUEST} as guest, s.canceled,
         sum(s.lines) as total,
         sum(s.non_positive_price_lines) as non_positive_price,
         sum(s.no_product_id_lines) as missing_product,
         sum(s.non_product_code_lines) as non_product,
         sum(s.missing_description_lines) as missing_description,
         coalesce(sum(s.revenue), 0) as revenue
  from audit_order_line_summary s
  left join customer c on c.id = s.customer_id and c.deleted_at is null
  where s.lines > 0
  group by 1, 2, 3`

/**
 * The line counts that depend on the product as it is now: lines whose product is deleted or
 * missing, and lines not flagged by their code or title whose product declares itself a non-product.
 */
export const PRODUCT_LINES_SQL = `
  select coalesce(sum(x.lines) filter (where p.id is null), 0) as missing_product,
         coalesce(sum(x.non_code_lines) filter (where ${NON_PRODUCT_FLAG}), 0) as non_product
  from audit_order_product_line x
  left join product p on p.id = x.product_id and p.deleted_at is null`

/**
 * Repurchase cycles from the (product, customer, day) rows of counted orders with a customer and a
 * line of goods (`non_code_lines`: not postage or fees by code or title; `repurchaseSql` drops
 * products flagged non-product), read in that order from their partial index (no sort; the
 * `non_code_lines` filter reads the rows). The ids keep the column's collation, whose order serves
 * the grouping as well as "C" does.
 */
export const REPURCHASE_SQL = repurchaseSql(`select product_id, customer_id, day from audit_order_product_line
  where deleted_at is null and canceled = false and customer_id is not null and non_code_lines > 0`)

/**
 * `never_sold` from the read model: one probe per product into the counted rows' index (as
 * `LATERAL ... LIMIT 1`, so it stays a probe; `SOLD_PROBE` in checks/shared.ts says why).
 */
export const READ_MODEL_SOLD_PROBE: SoldProbe = {
  join: `left join lateral (select 1 as one from audit_order_product_line x
        where x.product_id = p.id and x.deleted_at is null and x.canceled = false
        limit 1) sold on true`,
  never_sold: "sold.one is null",
}

/**
 * Whether the read model is current in this audit's snapshot: its tables exist and it mirrors
 * the placed orders (`READ_MODEL_CURRENT_SQL`). Memoized per run.
 */
export function readModelCurrent(ctx: AuditContext): Promise<boolean> {
  return ctx.memo("read_model_current", async () => {
    if (!(await ctx.tableExists("audit_order_line_summary"))) {
      return false
    }
    const [r] = await ctx.query<{ current: boolean }>(READ_MODEL_CURRENT_SQL)
    return !!r?.current
  })
}

export type ReadModelLineScan = { lines: LineStats; repurchase: ReturnType<typeof repurchaseRow>[] }

/** The line counts and repurchase cycles from the read model (memoized); call when `readModelCurrent`. */
export function readModelLineScan(ctx: AuditContext): Promise<ReadModelLineScan> {
  return ctx.memo("read_model_line_scan", async () => {
    const lines = lineStatsFrom(await ctx.query(LINE_STATS_SQL))
    const [p] = await ctx.query(PRODUCT_LINES_SQL)
    lines.missing_product += num(p.missing_product)
    lines.non_product += num(p.non_product)
    const repurchase = (await ctx.query(REPURCHASE_SQL, [REPURCHASE_THRESHOLDS.min_buyers])).map(repurchaseRow)
    return { lines, repurchase }
  })
}

/**
 * Starts the read model's reads (the current test, the line counts and repurchase cycles, the
 * product pass with `READ_MODEL_SOLD_PROBE`) on `side`, another connection on the same snapshot,
 * and memoizes them in `ctx`: the run's first checks (customers and orders) meanwhile use its own
 * connection. Resolves when they are done; a failure reaches the check that reads them.
 */
export function prefetchReadModel(ctx: AuditContext, side: AuditContext): Promise<void> {
  const current = readModelCurrent(side)
  const lines = current.then((c) => (c ? readModelLineScan(side) : null))
  const products = lines.then((l) => (l ? productPass(side, READ_MODEL_SOLD_PROBE) : null))
  void ctx.memo("read_model_current", () => current)
  void ctx.memo("read_model_line_scan", () => lines as Promise<ReadModelLineScan>)
  void ctx.memo("read_model_product_pass", () => products as Promise<ProductPass>)
  return products.then(() => undefined)
}
