import type { AuditContext } from "../checks/types"
import { CANCELED, CustomerGapHistogram, gapHistogram, GUEST, num, OrderStats, orderStatsFrom } from "../checks/shared"
import { placedOrder } from "../../../utils/counted-order"

/** Everything the customer, order and coverage checks read from the customer and order tables. */
export type CustomerOrderScan = {
  customers: CustomerGapHistogram
  orders: OrderStats
  currencies: { currency: string; orders: number }[]
  guest_sample: string[]
  orphaned: { affected: number; customers: number; sample_ids: string[] }
  duplicates: { affected: number; total: number; sample_ids: string[] }
  empty_months: { affected: number; total: number; sample_ids: string[] }
}

/*
 * One statement reads `customer` and `"order"` once each (the orders' guest flag is a hash join to
 * the customers, planned from the table's statistics; joined to the `cust` CTE instead, it was a
 * merge join that sorted every order by customer id). `cust` holds the live customers with their
 * gap flags, `ord` the placed orders, narrow; then
 *  - `og`: orders grouped by currency, month and the flags the order counts need (a few hundred
 *    rows at most): the order counts, orders per currency and the months with orders come from it;
 *  - `last_order` and `addr`: per customer, for the gap histogram `hist` (with the customers whose
 *    counted orders number one, and at least one);
 *  - `reg`: registered customers per normalized email (duplicates; guest orders matching one).
 * Samples are top-N scans of the CTEs, ordered as the checks say.
 * Bindings, in order: stale_before, then sample_size four times.
 */
export const CUSTOMER_ORDER_SQL = `
with cust as materialized (
  select c.id, c.has_account, lower(btrim(c.email)) as e,
         coalesce(btrim(c.email), '') = '' as missing_email,
         coalesce(btrim(c.first_name), '') = '' as missing_name,
         coalesce(btrim(c.phone), '') = '' as missing_phone
  from customer c
  where c.deleted_at is null
),
ord as materialized (
  select o.id, o.customer_id, o.created_at, o.email, ${GUEST} as guest,
         lower(o.currency_code) as currency, date_trunc('month', o.created_at at time zone 'UTC') as month,
         ${CANCELED} as canceled, o.sales_channel_id is null as no_sales_channel,
         coalesce(btrim(o.email), '') <> '' as has_email
  from "order" o
  left join customer c on c.id = o.customer_id and c.deleted_at is null
  where ${placedOrder("o")}
),
og as (
  select currency, month, guest, canceled, no_sales_channel, has_email,
         count(*) as n, min(created_at) as first_at, max(created_at) as last_at
  from ord group by 1, 2, 3, 4, 5, 6
),
addr as (select distinct customer_id from customer_address where deleted_at is null),
last_order as (select customer_id, max(created_at) as at, count(*) filter (where not canceled) as counted
                from ord where customer_id is not null group by 1),
hist as (
  select c.missing_email, c.missing_name, c.missing_phone,
         a.customer_id is null as missing_address,
         lo.customer_id is null as no_orders,
         count(*) as n,
         count(*) filter (where lo.at < ?) as stale,
         count(*) filter (where lo.counted > 0) as with_counted,
         count(*) filter (where lo.counted = 1) as single_order
  from cust c
  left join addr a on a.customer_id = c.id
  left join last_order lo on lo.customer_id = c.id
  group by 1, 2, 3, 4, 5
),
-- registered customers per normalized email; the first id stands for the email (orphaned history)
reg as (
  select e, min(id) as id, count(*) as n from cust
  where has_account = true and not missing_email
  group by e
),
orphan as (select o.id, r.id as customer_id from ord o join reg r on r.e = lower(btrim(o.email)) where o.guest),
span as (select generate_series(min(month), max(month), interval '1 month') as m from og),
gap_month as (select span.m, not exists (select 1 from og where og.month = span.m) as empty from span)
select os.*,
  (select json_agg(h) from hist h) as customers,
  (select coalesce(json_agg(json_build_object('currency', x.currency, 'orders', x.n) order by x.n desc, x.currency), '[]')
   from (select currency, sum(n) as n from og group by 1) x) as currencies,
  array(select id from ord where guest order by created_at desc, id limit ?) as guest_sample,
  (select count(*) from orphan) as orphaned,
  (select count(distinct customer_id) from orphan) as orphaned_customers,
  array(select id from orphan order by id limit ?) as orphaned_sample,
  (select coalesce(sum(n), 0) from reg) as registered_with_email,
  (select coalesce(sum(n) filter (where n > 1), 0) from reg) as duplicates,
  array(select c.id from cust c join reg r on r.e = c.e and r.n > 1
        where c.has_account = true and not c.missing_email order by c.id limit ?) as duplicate_sample,
  (select count(*) from gap_month) as months,
  (select count(*) filter (where empty) from gap_month) as empty_months,
  array(select to_char(m, 'YYYY-MM') from gap_month where empty order by m limit ?) as empty_month_sample
from (
  select coalesce(sum(n), 0) as total,
         coalesce(sum(n) filter (where guest), 0) as guest,
         coalesce(sum(n) filter (where guest and has_email), 0) as guest_with_email,
         coalesce(sum(n) filter (where canceled), 0) as canceled,
         coalesce(sum(n) filter (where not canceled), 0) as non_canceled,
         coalesce(sum(n) filter (where no_sales_channel), 0) as no_sales_channel,
         coalesce(sum(n) filter (where not guest), 0) as identified,
         min(first_at) as first_order_at,
         max(last_at) as last_order_at
  from og
) os`

const ids = (v: unknown) => ((v as unknown[] | null) ?? []).map(String)

/** The customer and order scan of this run (memoized). */
export function customerOrderScan(ctx: AuditContext): Promise<CustomerOrderScan> {
  return ctx.memo("customer_order_scan", async () => {
    const n = ctx.options.sample_size
    const staleBefore = new Date(ctx.options.now.getTime() - ctx.options.stale_days * 86400000)
    const [r] = await ctx.query(CUSTOMER_ORDER_SQL, [staleBefore, n, n, n, n])
    return {
      customers: gapHistogram((r.customers as Record<string, unknown>[] | null) ?? []),
      orders: orderStatsFrom(r),
      currencies: ((r.currencies as { currency: string; orders: number }[]) ?? []).map((c) => ({
        currency: String(c.currency),
        orders: num(c.orders),
      })),
      guest_sample: ids(r.guest_sample),
      orphaned: { affected: num(r.orphaned), customers: num(r.orphaned_customers), sample_ids: ids(r.orphaned_sample) },
      duplicates: {
        affected: num(r.duplicates),
        total: num(r.registered_with_email),
        sample_ids: ids(r.duplicate_sample),
      },
      empty_months: { affected: num(r.empty_months), total: num(r.months), sample_ids: ids(r.empty_month_sample) },
    }
  })
}
