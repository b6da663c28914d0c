import type { AuditContext, AuditSource } from "../checks/types"
import {
  CANCELED,
  gapHistogram,
  GUEST,
  LINE_PRICE,
  LINES_FROM,
  lineStatsFrom,
  NON_PRODUCT,
  NON_PRODUCT_CODE,
  NON_PRODUCT_FLAG,
  num,
  ORDERS_FROM,
  orderStatsFrom,
  productPass,
  repurchaseRow,
  sampleIds,
} from "../checks/shared"
import { countedOrder, orderLinesJoin, placedOrder } from "../../../utils/counted-order"
import { REPURCHASE_THRESHOLDS } from "../../../utils/repurchase"

/*
 * The audit's aggregates as they were before the per-table scans (issue 15): each check ran its
 * own queries, so the orders were read by six statements and the order lines joined three times
 * (line counts, repurchase cycles, and `never_sold`, which PostgreSQL planned as a hashed join of
 * every line). Kept callable (`implementation: "previous"`) so `npm run bench:audit` measures both
 * in one run and checks that they give the same findings; the service never uses it.
 */

const staleBefore = (ctx: AuditContext) => new Date(ctx.options.now.getTime() - ctx.options.stale_days * 86400000)

const ORDER_STATS_COLUMNS = `count(*) as total,
  count(*) filter (where ${GUEST}) as guest,
  count(*) filter (where ${GUEST} and coalesce(btrim(o.email), '') <> '') as guest_with_email,
  count(*) filter (where ${CANCELED}) as canceled,
  count(*) filter (where not ${CANCELED}) as non_canceled,
  count(*) filter (where o.sales_channel_id is null) as no_sales_channel,
  count(*) filter (where not ${GUEST}) as identified,
  min(o.created_at) as first_order_at,
  max(o.created_at) as last_order_at`

const ORPHANED_FROM = `"order" o
  left join customer c on c.id = o.customer_id and c.deleted_at is null
  join (select distinct on (lower(btrim(email))) id, lower(btrim(email)) as e from customer
        where deleted_at is null and has_account = true and coalesce(btrim(email), '') <> ''
        order by lower(btrim(email)), id) reg on reg.e = lower(btrim(o.email))
  where ${placedOrder("o")} and ${GUEST}`

const DUPLICATES = `select id, count(*) over (partition by lower(btrim(email))) as n from customer
  where deleted_at is null and has_account = true and coalesce(btrim(email), '') <> ''`

const REPURCHASE_SQL = `
  with d as (
    select distinct o.customer_id, li.product_id, (o.created_at at time zone 'UTC')::date as day
    from "order" o ${orderLinesJoin("o", "join")}
    where ${countedOrder("o")} and o.customer_id is not null and li.product_id is not null
      and not ${NON_PRODUCT_CODE}
  ),
  g as (
    select customer_id, product_id,
           day - lag(day) over (partition by customer_id, product_id order by day) as gap
    from d
  ),
  s as (
    select product_id,
           count(distinct customer_id) as buyers,
           count(distinct customer_id) filter (where gap is not null) as rebuyers,
           count(gap) as intervals,
           percentile_cont(0.5) within group (order by gap) as median_interval_days
    from g
    group by product_id
    having count(distinct customer_id) >= ?
  )
  select s.*, p.title, nullif(btrim(p.metadata->>'repurchase_window_days'), '') as current_window
  from s join product p on p.id = s.product_id and p.deleted_at is null
  where not ${NON_PRODUCT_FLAG}`

export const PREVIOUS_SOURCE: AuditSource = {
  customerGaps: (ctx) =>
    ctx.memo("previous:customer_gaps", async () =>
      gapHistogram(
        await ctx.query(
          `with addr as (select distinct customer_id from customer_address where deleted_at is null),
           ord as (select o.customer_id, max(o.created_at) as last_order_at,
                          count(*) filter (where not ${CANCELED}) as counted
                   from ${ORDERS_FROM} and o.customer_id is not null group by o.customer_id)
           select coalesce(btrim(c.email), '') = '' as missing_email,
                  coalesce(btrim(c.first_name), '') = '' as missing_name,
                  coalesce(btrim(c.phone), '') = '' as missing_phone,
                  a.customer_id is null as missing_address,
                  od.customer_id is null as no_orders,
                  count(*) as n,
                  count(*) filter (where od.last_order_at < ?) as stale,
                  count(*) filter (where od.counted > 0) as with_counted,
                  count(*) filter (where od.counted = 1) as single_order
           from customer c
           left join addr a on a.customer_id = c.id
           left join ord od on od.customer_id = c.id
           where c.deleted_at is null
           group by 1, 2, 3, 4, 5`,
          [staleBefore(ctx)]
        )
      )
    ),

  orderStats: (ctx) =>
    ctx.memo("previous:order_stats", async () => {
      const [r] = await ctx.query(
        `select ${ORDER_STATS_COLUMNS}
         from "order" o left join customer c on c.id = o.customer_id and c.deleted_at is null
         where ${placedOrder("o")}`
      )
      return orderStatsFrom(r)
    }),

  currencies: (ctx) =>
    ctx.memo("previous:currencies", async () =>
      (
        await ctx.query(
          `select lower(o.currency_code) as currency, count(*) as n from ${ORDERS_FROM} group by 1 order by n desc, 1`
        )
      ).map((r) => ({ currency: String(r.currency), orders: num(r.n) }))
    ),

  guestOrderSample: (ctx) =>
    ctx.memo("previous:guest_sample", async () =>
      sampleIds(
        ctx,
        (await PREVIOUS_SOURCE.orderStats(ctx)).guest,
        `select o.id from "order" o left join customer c on c.id = o.customer_id and c.deleted_at is null
         where ${placedOrder("o")} and ${GUEST} order by o.created_at desc, o.id`
      )
    ),

  orphanedGuestOrders: (ctx) =>
    ctx.memo("previous:orphaned", async () => {
      const [r] = await ctx.query(
        `select count(*) as affected, count(distinct reg.id) as customers from ${ORPHANED_FROM}`
      )
      const affected = num(r.affected)
      return {
        affected,
        customers: num(r.customers),
        sample_ids: await sampleIds(ctx, affected, `select o.id from ${ORPHANED_FROM} order by o.id`),
      }
    }),

  duplicateEmails: (ctx) =>
    ctx.memo("previous:duplicates", async () => {
      const [r] = await ctx.query(
        `select count(*) as total, count(*) filter (where n > 1) as affected from (${DUPLICATES}) x`
      )
      const affected = num(r.affected)
      return {
        affected,
        total: num(r.total),
        sample_ids: await sampleIds(ctx, affected, `select id from (${DUPLICATES}) x where n > 1 order by id`),
      }
    }),

  emptyMonths: (ctx) =>
    ctx.memo("previous:empty_months", async () => {
      const [r] = await ctx.query(
        `with m as (select distinct date_trunc('month', o.created_at at time zone 'UTC') as m from ${ORDERS_FROM}),
         span as (select generate_series(min(m), max(m), interval '1 month') as m from m)
         select count(*) as total,
                count(*) filter (where not exists (select 1 from m where m.m = span.m)) as affected,
                (array_agg(to_char(span.m, 'YYYY-MM') order by span.m)
                   filter (where not exists (select 1 from m where m.m = span.m)))[1:?] as samples
         from span`,
        [ctx.options.sample_size]
      )
      return {
        affected: num(r.affected),
        total: num(r.total),
        sample_ids: ((r.samples as string[] | null) ?? []).map(String),
      }
    }),

  lineStats: (ctx) =>
    ctx.memo("previous:line_stats", async () =>
      lineStatsFrom(
        await ctx.query(
          `select o.currency_code as currency, ${GUEST} as guest, ${CANCELED} as canceled,
                  count(*) as total,
                  count(*) filter (where ${LINE_PRICE} <= 0) as non_positive_price,
                  count(*) filter (where p.id is null) as missing_product,
                  count(*) filter (where ${NON_PRODUCT}) as non_product,
                  count(*) filter (where coalesce(li.metadata->>'missing_description', '') = 'true') as missing_description,
                  coalesce(sum(oi.quantity * ${LINE_PRICE}), 0) as revenue
           from ${LINES_FROM}
           group by 1, 2, 3`
        )
      )
    ),

  repurchaseProducts: (ctx) =>
    ctx.memo("previous:repurchase", async () =>
      (await ctx.query(REPURCHASE_SQL, [REPURCHASE_THRESHOLDS.min_buyers])).map(repurchaseRow)
    ),

  productStats: (ctx) =>
    ctx.memo("previous:product_stats", () =>
      productPass(ctx, {
        join: "",
        never_sold: `not exists (select 1 from order_line_item li
          join order_item oi on oi.item_id = li.id and oi.deleted_at is null
          join "order" o on o.id = oi.order_id and o.version = oi.version and ${countedOrder("o")}
          where li.product_id = p.id and li.deleted_at is null)`,
      })
    ),
}
