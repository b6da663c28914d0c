import { ATTRIBUTES, AttributeDef, AttributeName } from "./attributes"
import type { CompileContext } from "./compile"
import { Params } from "./params"
import { ConditionNode } from "./rules"
import { countedOrder, ORDER_LINES_TOTAL, orderLinesJoin } from "../../../utils/counted-order"

/*
 * The SQL of each attribute's fact (per customer), and the CTEs over orders, lines and RFM scores
 * they read. `compileRules` (./compile.ts) walks the tree and assembles the query.
 */

const ORDER_AGG: Record<string, (filter: string) => string> = {
  order_count: (w) => `count(*)${w}`,
  total_spent: (w) => `sum(total)${w}`,
  average_order_value: (w) => `avg(total)${w}`,
  first_order_date: (w) => `min(created_at)${w}`,
  last_order_date: (w) => `max(created_at)${w}`,
  days_since_last_order: (w) => `max(created_at)${w}`,
}

const PURCHASE_KEY: Record<string, { join: string; key: string }> = {
  products_purchased: { join: "", key: "l.product_id" },
  categories_purchased: {
    join: "join product_category_product pcp on pcp.product_id = l.product_id",
    key: "pcp.product_category_id",
  },
  collections_purchased: {
    join: "join product p on p.id = l.product_id and p.deleted_at is null",
    key: "p.collection_id",
  },
  tags_purchased: {
    join: "join product_tags pt on pt.product_id = l.product_id",
    key: "pt.product_tag_id",
  },
}

const RFM_GROUP_SQL = `case
      when rfm.r_score is null then null
      when rfm.r_score <= 2 then case when rfm.f_score <= 2 then 'hibernating' when rfm.f_score <= 4 then 'at_risk' else 'cant_lose' end
      when rfm.r_score = 3 then case when rfm.f_score <= 2 then 'about_to_sleep' when rfm.f_score = 3 then 'need_attention' else 'loyal' end
      when rfm.f_score >= 4 then case when rfm.r_score = 5 then 'champions' else 'loyal' end
      when rfm.f_score >= 2 then 'potential_loyalists'
      when rfm.r_score = 5 then 'new_customers'
      else 'promising' end`

const CUSTOMER_FACT: Record<string, string> = {
  has_account: "c.has_account",
  email_domain: "nullif(lower(split_part(c.email, '@', 2)), '')",
  customer_group:
    "array(select lower(g.customer_group_id) from customer_group_customer g where g.customer_id = c.id and g.deleted_at is null)",
  created_at: "c.created_at",
  address_country:
    "array(select distinct lower(ad.country_code) from customer_address ad where ad.customer_id = c.id and ad.deleted_at is null and ad.country_code is not null)",
}

/**
 * The fact columns of one compilation and what they need: per-customer order aggregates (`agg`),
 * one CTE per purchase condition, RFM scores. Values are bound in `p` on first use.
 */
export class FactColumns {
  readonly aggCols: string[] = []
  readonly purchaseCtes: { column: string; sql: string }[] = []
  /** The bound list of each purchase condition, which its operator reuses (for `all`). */
  readonly purchaseLists = new Map<ConditionNode, string>()
  usesRfm = false
  private nowSql: string | null = null
  private readonly windows = new Map<number, string>()

  constructor(
    private readonly p: Params,
    private readonly now: Date
  ) {}

  /** The evaluation time, bound on first use (so every placeholder in the text is referenced). */
  nowParam(): string {
    return (this.nowSql ??= this.p.add(this.now.toISOString(), "timestamptz"))
  }

  private windowFilter(days?: number): string {
    if (!days) {
      return ""
    }
    if (!this.windows.has(days)) {
      this.windows.set(days, this.p.add(new Date(this.now.getTime() - days * 86400000).toISOString(), "timestamptz"))
    }
    return ` filter (where created_at >= ${this.windows.get(days)})`
  }

  /** The SQL of a condition's fact over `customer c` and the CTEs it registers, as column `column`. */
  fact(node: ConditionNode, column: string): string {
    const name = node.attribute as AttributeName
    const attr: AttributeDef = ATTRIBUTES[name]
    switch (attr.kind) {
      case "order": {
        this.aggCols.push(`${ORDER_AGG[name](this.windowFilter(node.window_days))} as ${column}`)
        if (name === "order_count" || name === "total_spent") {
          return `coalesce(a.${column}, 0)`
        }
        if (name === "days_since_last_order") {
          return `floor(extract(epoch from (${this.nowParam()} - a.${column})) / 86400)`
        }
        return `a.${column}`
      }
      case "purchase": {
        const k = PURCHASE_KEY[name]
        const list = Array.from(new Set((node.value as unknown[]).map(String)))
        const listSql = this.p.textList(list)
        const w = node.window_days
          ? this.windowFilter(node.window_days).replace(" filter (where created_at", " and (l.created_at")
          : ""
        const minQ = this.p.add(String(node.min_quantity ?? 1), "numeric")
        this.purchaseCtes.push({
          column,
          sql: `${column} as (
    select x.customer_id, count(*) as n from (
      select l.customer_id, ${k.key} as k from lines l ${k.join}
      where ${k.key} = any(${listSql})${w}
      group by 1, 2 having sum(l.quantity) >= ${minQ}
    ) x group by x.customer_id
  )`,
        })
        this.purchaseLists.set(node, listSql)
        return `coalesce(${column}.n, 0)`
      }
      case "rfm":
        this.usesRfm = true
        return `(${RFM_GROUP_SQL})`
      case "customer":
        if (name === "metadata") {
          return `(c.metadata ->> ${this.p.add(node.key ?? "", "text")})`
        }
        if (!(name in CUSTOMER_FACT)) {
          throw new Error(`unmapped customer attribute ${name}`)
        }
        return CUSTOMER_FACT[name]
      default: {
        const never: never = attr.kind
        throw new Error(`unmapped kind ${never}`)
      }
    }
  }
}

/**
 * Who an order counts for: its customer or, with guest orders included, the registered account
 * with the order's email (oldest first). `email` is the order's lower-cased email expression.
 */
function orderOwner(
  alias: string,
  email: string,
  guest: boolean,
  ids: string | null
): { cust: string; guestJoin: string; filter: string } {
  const cust = guest ? `coalesce(reg.id, ${alias}.customer_id)` : `${alias}.customer_id`
  const guestJoin = guest
    ? `left join customer oc on oc.id = ${alias}.customer_id
    left join lateral (
      select r.id from customer r
      where ${alias}.email is not null and (oc.id is null or oc.has_account = false)
        and lower(r.email) = ${email} and r.has_account = true and r.deleted_at is null
      order by r.created_at, r.id limit 1
    ) reg on true`
    : ""
  let filter = guest ? "" : `and ${alias}.customer_id is not null`
  if (ids) {
    filter += guest
      ? ` and (${alias}.customer_id = any(${ids}) or ${email} in (select lower(ce.email) from customer ce where ce.id = any(${ids}) and ce.email is not null))`
      : ` and ${alias}.customer_id = any(${ids})`
  }
  return { cust, guestJoin, filter }
}

/**
 * The base of all order facts: counted orders with their total, attributed to a customer, from
 * the read model `segment_order_fact` (one row per order, total precomputed) or from Medusa's tables.
 */
export function ordersSql(ctx: CompileContext, currency: string, ids: string | null): string {
  if (ctx.readModel) {
    const { cust, guestJoin, filter } = orderOwner("f", "f.email", !!ctx.includeGuestOrders, ids)
    return `select f.order_id as id, ${cust} as customer_id, f.ordered_at as created_at, f.item_total as total
    from segment_order_fact f
    ${guestJoin}
    where f.deleted_at is null and f.canceled = false and f.currency_code = ${currency} ${filter}`
  }
  const { cust, guestJoin, filter } = orderOwner("o", "lower(o.email)", !!ctx.includeGuestOrders, ids)
  return `select o.id, o.version, ${cust} as customer_id, o.created_at,
      coalesce(${ORDER_LINES_TOTAL}, 0) as total
    from "order" o
    ${guestJoin}
    ${orderLinesJoin("o")}
    where ${countedOrder("o")} and o.currency_code = ${currency} ${filter}
    group by o.id, o.version, ${cust}, o.created_at`
}

/** The lines of the counted orders in `ord` at each order's current version. */
export function linesCte(readModel: boolean): string {
  return `lines as (
    select ord.customer_id, ord.created_at, li.product_id, oi.quantity
    from ord${readModel ? '\n    join "order" o on o.id = ord.id' : ""}
    join order_item oi on oi.order_id = ord.id and oi.version = ${readModel ? "o" : "ord"}.version and oi.deleted_at is null
    join order_line_item li on li.id = oi.item_id and li.deleted_at is null
  )`
}

/** R, F, M scores 1-5 by quintiles over the customers of `src` (a relation of orders). */
export function rfmCtes(src: string, now: string): string[] {
  return [
    `rfm_base as (
    select customer_id, count(*)::numeric as f, sum(total) as m,
      floor(extract(epoch from (${now} - max(created_at))) / 86400) as r
    from ${src} group by customer_id
  )`,
    `rfm_cut as (
    select percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by r) as rq,
      percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by f) as fq,
      percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by m) as mq
    from rfm_base
  )`,
    `rfm as (
    select b.customer_id,
      1 + (b.r < q.rq[4])::int + (b.r < q.rq[3])::int + (b.r < q.rq[2])::int + (b.r < q.rq[1])::int as r_score,
      1 + (b.f > q.fq[1])::int + (b.f > q.fq[2])::int + (b.f > q.fq[3])::int + (b.f > q.fq[4])::int as f_score,
      1 + (b.m > q.mq[1])::int + (b.m > q.mq[2])::int + (b.m > q.mq[3])::int + (b.m > q.mq[4])::int as m_score
    from rfm_base b cross join rfm_cut q
  )`,
  ]
}
