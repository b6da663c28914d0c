import type { AuditContext, RepurchaseRow } from "../checks/types"
import {
  LINE_COLUMNS,
  LINE_GROUP_COLUMNS,
  LINES_FROM,
  LineStats,
  lineStatsFrom,
  NON_PRODUCT_CODE,
  NON_PRODUCT_FLAG,
  repurchaseRow,
} from "../checks/shared"
import { REPURCHASE_THRESHOLDS } from "../../../utils/repurchase"
import { countedOrder, orderLinesJoin } from "../../../utils/counted-order"

export type LineScan = { lines: LineStats; repurchase: RepurchaseRow[] }

/**
 * Line counts and revenue per currency, guest and canceled: one parallel aggregate over the lines
 * of the latest versions of placed orders (`LINES_FROM`, on the one counted-order definition);
 * each worker aggregates its share of the join, a handful of rows reach the leader.
 */
export const LINE_STATS_SQL = `select ${LINE_GROUP_COLUMNS}
  from (select ${LINE_COLUMNS} from ${LINES_FROM}) l
  group by 1, 2, 3`

/**
 * Repurchase cycles from (product_id, customer_id, day) rows named `triples`, in the "C" collation,
 * one per counted line (or per order and product: several rows on one day give a 0 gap, which is
 * not an interval). One sort by (product, customer, day) in the "C" collation (byte order: ids
 * are compared, never shown) serves both the window (days between a customer's consecutive
 * purchases of the product) and the grouping by product that follows; the previous query sorted
 * by customer first and then again by product. A product's buyers are its partitions' first rows,
 * its intervals the positive gaps (no DISTINCT pass needed). Binds `min_buyers`.
 */
export const repurchaseSql = (triples: string) => `
with g as (
  select x.product_id, x.customer_id,
         x.day - lag(x.day) over (partition by x.product_id, x.customer_id order by x.day) as gap
  from (${triples}) x
),
s as (
  select product_id,
         count(*) filter (where gap is null) as buyers,
         count(distinct customer_id) filter (where gap > 0) as rebuyers,
         count(*) filter (where gap > 0) as intervals,
         percentile_cont(0.5) within group (order by gap) filter (where gap > 0) as median_interval_days
  from g
  group by product_id
  having count(*) filter (where gap is null) >= ?
)
select s.*, p.title, nullif(btrim(p.metadata->>'repurchase_window_days'), '') as current_window
from s join product p on p.id = s.product_id collate "C" and p.deleted_at is null
where not ${NON_PRODUCT_FLAG}`

/** Repurchase cycles of counted lines with a customer and a product (`repurchaseSql` over the joined lines). */
export const REPURCHASE_SQL =
  repurchaseSql(`select li.product_id collate "C" as product_id, o.customer_id collate "C" as customer_id,
         (o.created_at at time zone 'UTC')::date as day
  from "order" o ${orderLinesJoin("o", "join")}
  where ${countedOrder("o")} and o.customer_id is not null and li.product_id is not null
    and not ${NON_PRODUCT_CODE}`)

/** The order line scan of this run (memoized): line counts, then repurchase cycles. */
export function lineScan(ctx: AuditContext): Promise<LineScan> {
  return ctx.memo("line_scan", async () => ({
    lines: lineStatsFrom(await ctx.query(LINE_STATS_SQL)),
    repurchase: (await ctx.query(REPURCHASE_SQL, [REPURCHASE_THRESHOLDS.min_buyers])).map(repurchaseRow),
  }))
}
