import { pgTextArray } from "../../../utils/sql"
import { holdoutBucketSql } from "./holdout"
import { countedOrder, ORDER_LINES_TOTAL, orderLinesJoin } from "../../../utils/counted-order"

export const METRICS = [
  "conversion_rate",
  "average_order_value",
  "repeat_purchase_rate",
  "revenue_per_customer",
  "customer_lifetime_value",
] as const
export type Metric = (typeof METRICS)[number]

/** How each metric is estimated per customer: a proportion, a mean, or a ratio of sums. */
export const METRIC_KIND: Record<Metric, "proportion" | "mean" | "ratio"> = {
  conversion_rate: "proportion",
  repeat_purchase_rate: "proportion",
  revenue_per_customer: "mean",
  customer_lifetime_value: "mean",
  average_order_value: "ratio",
}

/** Metrics that take N days ("repeat purchase within N days", "lifetime value over N days"). */
export const METRICS_WITH_WINDOW: Metric[] = ["repeat_purchase_rate", "customer_lifetime_value"]
export const DEFAULT_METRIC_WINDOW_DAYS = 90

export type MetricQueryInput = {
  metric: Metric
  currency_code: string
  start: Date
  end: Date
  window_days?: number | null
  /** split by treatment/holdout for this objective; otherwise one group "all" */
  split?: { objective_id: string; holdout_share: number } | null
  /** restrict to these customers (a segment's members) */
  customer_ids?: string[] | null
}

const DAY_MS = 86400000

/**
 * Builds the SQL for one metric over [start, end): one row per group with n and the sums
 * (x = orders or 1, y = value). Orders: non-canceled, non-draft, not deleted, in the currency,
 * with a customer; order total = sum(quantity * unit_price) of its items at the order's current
 * version. Every value is a bound `?` parameter.
 *
 * Units (customers) per metric:
 * - conversion_rate, revenue_per_customer: customers known by `end` (created before it, or with
 *   an order before it); y = ordered in the period (0/1) or revenue in the period.
 * - average_order_value: customers with an order in the period; x = orders, y = revenue.
 * - repeat_purchase_rate: customers whose first order in the period is at least N days before
 *   `end`; y = 1 when they ordered again within N days of it.
 * - customer_lifetime_value: customers whose first order ever is in [start, end - N days);
 *   y = revenue in the N days from that first order.
 */
export function buildMetricQuery(input: MetricQueryInput): { sql: string; bindings: unknown[] } {
  const b: unknown[] = []
  const p = (v: unknown) => {
    b.push(v)
    return "?"
  }
  const n = input.window_days ?? DEFAULT_METRIC_WINDOW_DAYS
  const cutoff = new Date(input.end.getTime() - n * DAY_MS)

  const ord = `ord as (
    select o.id, o.customer_id, o.created_at,
      ${ORDER_LINES_TOTAL}::float8 as total
    from "order" o
    ${orderLinesJoin("o", "join")}
    where ${countedOrder("o")} and o.customer_id is not null
      and lower(o.currency_code) = lower(${p(input.currency_code)})
      and o.created_at < ${p(input.end)}
    group by o.id, o.customer_id, o.created_at
  )`

  let units: string
  switch (input.metric) {
    case "conversion_rate":
    case "revenue_per_customer":
    case "average_order_value": {
      // bindings must be pushed in the order their `?` appear in the text
      const pop = `pop as (
        select c.id as customer_id from customer c
        where c.deleted_at is null
          and (c.created_at < ${p(input.end)} or exists (select 1 from ord where ord.customer_id = c.id))
      )`
      const y =
        input.metric === "conversion_rate" ? "case when count(w.id) > 0 then 1 else 0 end" : "coalesce(sum(w.total), 0)"
      const x = input.metric === "average_order_value" ? "count(w.id)" : "1"
      const having = input.metric === "average_order_value" ? "having count(w.id) > 0" : ""
      units = `${pop}, units as (
        select p.customer_id, (${x})::float8 as x, (${y})::float8 as y
        from pop p left join ord w on w.customer_id = p.customer_id and w.created_at >= ${p(input.start)}
        group by p.customer_id ${having}
      )`
      break
    }
    case "repeat_purchase_rate": {
      units = `firsts as (
        select customer_id, min(created_at) as t0 from ord
        where created_at >= ${p(input.start)}
        group by customer_id having min(created_at) < ${p(cutoff)}
      ), units as (
        select f.customer_id, 1::float8 as x,
          (case when count(o.id) >= 2 then 1 else 0 end)::float8 as y
        from firsts f join ord o on o.customer_id = f.customer_id
          and o.created_at >= f.t0 and o.created_at <= f.t0 + (${p(n)} * interval '1 day')
        group by f.customer_id
      )`
      break
    }
    case "customer_lifetime_value": {
      units = `firsts as (
        select customer_id, min(created_at) as t0 from ord group by customer_id
      ), cohort as (
        select * from firsts where t0 >= ${p(input.start)} and t0 < ${p(cutoff)}
      ), units as (
        select c.customer_id, 1::float8 as x, coalesce(sum(o.total), 0)::float8 as y
        from cohort c join ord o on o.customer_id = c.customer_id
          and o.created_at >= c.t0 and o.created_at < c.t0 + (${p(n)} * interval '1 day')
        group by c.customer_id
      )`
      break
    }
    default: {
      const never: never = input.metric
      throw new Error(`unknown metric ${never}`)
    }
  }

  let groupExpr = "'all'"
  if (input.split) {
    groupExpr = `case when ${holdoutBucketSql(p(input.split.objective_id), "u.customer_id")} < ${p(
      input.split.holdout_share
    )}::float8 then 'holdout' else 'treatment' end`
  }
  let filter = ""
  if (input.customer_ids) {
    filter = `where u.customer_id = any(${p(pgTextArray(input.customer_ids))}::text[])`
  }

  const sql = `with ${ord}, ${units}
    select g.grp as "group", count(*)::int as n,
      coalesce(sum(g.x), 0)::float8 as sum_x, coalesce(sum(g.y), 0)::float8 as sum_y,
      coalesce(sum(g.x * g.x), 0)::float8 as sum_xx, coalesce(sum(g.y * g.y), 0)::float8 as sum_yy,
      coalesce(sum(g.x * g.y), 0)::float8 as sum_xy
    from (select u.x, u.y, ${groupExpr} as grp from units u ${filter}) g
    group by g.grp`
  return { sql, bindings: b }
}
