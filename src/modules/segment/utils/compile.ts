import { ATTRIBUTES, AttributeDef, AttributeName, getAttribute, ValueType } from "./attributes"
import { getOperator, OperatorName } from "./operators"
import { childPath, ConditionNode, RuleNode, topLevel } from "./rules"
import { countedOrder, ORDER_LINES_TOTAL, orderLinesJoin } from "../../../utils/counted-order"

export type CompileContext = {
  /** Evaluation time: windows and "days since" are relative to it. */
  now: Date
  /** Only orders in this currency count (ISO 4217, any case). */
  currency: string
  /** Attribute guest orders (no account) to the registered customer with the same email. */
  includeGuestOrders?: boolean
  /** Restrict the facts to these customers (incremental evaluation). */
  customerIds?: string[]
  /**
   * Read per-order facts (count, totals, dates) from the plugin's read model
   * `segment_order_fact` instead of joining "order" / "order_item" / "order_line_item".
   * Purchase conditions still read the order lines.
   */
  readModel?: boolean
}

export type CompiledLeaf = {
  path: string
  /** Column of the `facts` relation holding this condition's fact. */
  column: string
  attribute: string
  type: ValueType
  node: ConditionNode
}

/** A rule tree compiled to SQL over a per-customer `facts` relation. Values only ever appear in `params`. */
export type CompiledRules = {
  /** `with ... facts as (...)`: defines `facts(id, email, f0, f1, ...)`. */
  with: string
  /** Boolean SQL over `facts` columns, never NULL. */
  predicate: string
  topLevel: { path: string; sql: string }[]
  leaves: CompiledLeaf[]
  /** Positional parameters for `$1..$n`. */
  params: unknown[]
  /** True when the query reads the read model `segment_order_fact`. */
  readsOrderFacts: boolean
}

export class Params {
  values: unknown[] = []
  add(value: unknown, cast: string): string {
    this.values.push(value)
    return `$${this.values.length}::${cast}`
  }
  textList(list: unknown[]): string {
    return `array(select jsonb_array_elements_text(${this.add(JSON.stringify(list.map(String)), "jsonb")}))`
  }
  numericList(list: unknown[]): string {
    return `array(select x::numeric from jsonb_array_elements_text(${this.add(JSON.stringify(list.map(String)), "jsonb")}) x)`
  }
}

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

function castFor(type: ValueType): string {
  switch (type) {
    case "number":
    case "purchase":
      return "numeric"
    case "date":
      return "timestamptz"
    case "boolean":
      return "boolean"
    case "string":
    case "string_set":
      return "text"
    default: {
      const never: never = type
      throw new Error(`no cast for ${never}`)
    }
  }
}

function scalarParam(p: Params, type: ValueType, value: unknown): string {
  if (type === "string" || type === "string_set") {
    return p.add(String(value).toLowerCase(), "text")
  }
  if (type === "number") {
    return p.add(String(value), "numeric")
  }
  if (type === "date") {
    return p.add(new Date(String(value)).toISOString(), "timestamptz")
  }
  return p.add(value, castFor(type))
}

/**
 * SQL of one condition: binds the value the way the operator's shape and the
 * fact type need (strings and sets lower-cased) and applies the operator's SQL form.
 */
export function operatorSql(
  p: Params,
  opName: OperatorName,
  type: ValueType,
  f: string,
  value: unknown,
  boundList?: string
): string {
  const op = getOperator(opName)!
  let v = ""
  let lo = ""
  let hi = ""
  switch (op.shape) {
    case "none":
      break
    case "scalar":
      v = scalarParam(p, type, value)
      break
    case "pair": {
      const [a, b] = value as unknown[]
      lo = scalarParam(p, type, a)
      hi = scalarParam(p, type, b)
      break
    }
    case "list": {
      const list = value as unknown[]
      if (type === "purchase") {
        v = boundList ?? p.textList(Array.from(new Set(list.map(String))))
      } else if (type === "number") {
        v = p.numericList(list)
      } else {
        v = p.textList(list.map((x) => String(x).toLowerCase()))
      }
      break
    }
    default: {
      const never: never = op.shape
      throw new Error(`unmapped shape ${never}`)
    }
  }
  return op.sql({ f, v, lo, hi }, type)
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

/** `ordersSql` over the read model: one row per order, total precomputed. */
function factOrdersSql(ctx: CompileContext, currency: string, ids: string | null): string {
  const { cust, guestJoin, filter } = orderOwner("f", "f.email", !!ctx.includeGuestOrders, ids)
  return `select f.order_id as id, ${cust} as customer_id, f.ordered_at as created_at, f.item_total as total
    from segment_order_fact f
    ${guestJoin}
    where f.deleted_at is null and f.canceled = false and f.currency_code = ${currency} ${filter}`
}

/** The base of all order facts: counted orders with their total, attributed to a customer. */
function ordersSql(p: Params, ctx: CompileContext, currency: string, ids: string | null): string {
  if (ctx.readModel) {
    return factOrdersSql(ctx, currency, ids)
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

/** Compiles a validated rule tree into one parameterized query over Medusa's customer and order tables. */
export function compileRules(tree: RuleNode, ctx: CompileContext, base = "rules"): CompiledRules {
  const p = new Params()
  // Bound on first use, so every placeholder in the text is referenced (plain pg needs that).
  let nowSql: string | null = null
  const nowP = () => (nowSql ??= p.add(ctx.now.toISOString(), "timestamptz"))
  let currencySql: string | null = null
  const currencyP = () => (currencySql ??= p.add(ctx.currency.toLowerCase(), "text"))
  let idsSql: string | null = null
  const idsP = () => (ctx.customerIds ? (idsSql ??= p.textList(ctx.customerIds)) : null)

  const leaves: CompiledLeaf[] = []
  const aggCols: string[] = []
  const factCols: string[] = []
  const purchaseCtes: string[] = []
  let usesRfm = false
  const windows = new Map<number, string>()
  const windowFilter = (days?: number) => {
    if (!days) {
      return ""
    }
    if (!windows.has(days)) {
      windows.set(days, p.add(new Date(ctx.now.getTime() - days * 86400000).toISOString(), "timestamptz"))
    }
    return ` filter (where created_at >= ${windows.get(days)})`
  }

  const leafFact = (node: ConditionNode, column: string): string => {
    const name = node.attribute as AttributeName
    const attr: AttributeDef = ATTRIBUTES[name]
    switch (attr.kind) {
      case "order": {
        aggCols.push(`${ORDER_AGG[name](windowFilter(node.window_days))} as ${column}`)
        if (name === "order_count" || name === "total_spent") {
          return `coalesce(a.${column}, 0)`
        }
        if (name === "days_since_last_order") {
          return `floor(extract(epoch from (${nowP()} - a.${column})) / 86400)`
        }
        return `a.${column}`
      }
      case "purchase": {
        const k = PURCHASE_KEY[name]
        const list = Array.from(new Set((node.value as unknown[]).map(String)))
        const listSql = p.textList(list)
        const w = node.window_days
          ? windowFilter(node.window_days).replace(" filter (where created_at", " and (l.created_at")
          : ""
        const minQ = p.add(String(node.min_quantity ?? 1), "numeric")
        purchaseCtes.push(`${column} as (
    select x.customer_id, count(*) as n from (
      select l.customer_id, ${k.key} as k from lines l ${k.join}
      where ${k.key} = any(${listSql})${w}
      group by 1, 2 having sum(l.quantity) >= ${minQ}
    ) x group by x.customer_id
  )`)
        // The operator needs the same list for `all`.
        purchaseLists.set(node, listSql)
        return `coalesce(${column}.n, 0)`
      }
      case "rfm":
        usesRfm = true
        return `(${RFM_GROUP_SQL})`
      case "customer":
        switch (name) {
          case "has_account":
            return "c.has_account"
          case "email_domain":
            return "nullif(lower(split_part(c.email, '@', 2)), '')"
          case "customer_group":
            return "array(select lower(g.customer_group_id) from customer_group_customer g where g.customer_id = c.id and g.deleted_at is null)"
          case "created_at":
            return "c.created_at"
          case "address_country":
            return "array(select distinct lower(ad.country_code) from customer_address ad where ad.customer_id = c.id and ad.deleted_at is null and ad.country_code is not null)"
          case "metadata":
            return `(c.metadata ->> ${p.add(node.key ?? "", "text")})`
          default:
            throw new Error(`unmapped customer attribute ${name}`)
        }
      default: {
        const never: never = attr.kind
        throw new Error(`unmapped kind ${never}`)
      }
    }
  }

  const byPath = new Map<string, string>()
  const purchaseLists = new Map<ConditionNode, string>()
  const predicateOf = (node: RuleNode, path: string): string => {
    const sql = nodeSql(node, path)
    byPath.set(path, sql)
    return sql
  }
  const nodeSql = (node: RuleNode, path: string): string => {
    switch (node.type) {
      case "all":
        return node.conditions.length
          ? `(${node.conditions.map((c, i) => predicateOf(c, childPath(childPath(path, "conditions"), i))).join(" and ")})`
          : "true"
      case "any":
        return node.conditions.length
          ? `(${node.conditions.map((c, i) => predicateOf(c, childPath(childPath(path, "conditions"), i))).join(" or ")})`
          : "false"
      case "not":
        return `(not ${predicateOf(node.condition, childPath(path, "condition"))})`
      case "condition": {
        const attr = getAttribute(node.attribute)!
        const opName = node.operator as OperatorName
        const column = `f${leaves.length}`
        leaves.push({ path, column, attribute: node.attribute, type: attr.type, node })
        factCols.push(`${leafFact(node, column)} as ${column}`)
        return operatorSql(p, opName, attr.type, `facts.${column}`, node.value, purchaseLists.get(node))
      }
      default: {
        const never: never = node
        throw new Error(`unknown node ${JSON.stringify(never)}`)
      }
    }
  }

  const predicate = predicateOf(tree, base)
  const tops = topLevel(tree, base).map((t) => ({
    path: t.path,
    sql: byPath.get(t.path) ?? "true",
  }))

  const usesOrders = aggCols.length > 0 || purchaseCtes.length > 0 || usesRfm
  const ctes: string[] = []
  if (usesOrders) {
    ctes.push(`ord as (\n    ${ordersSql(p, ctx, currencyP(), idsP())}\n  )`)
  }
  if (aggCols.length) {
    ctes.push(`agg as (select customer_id, ${aggCols.join(", ")} from ord group by customer_id)`)
  }
  if (purchaseCtes.length) {
    ctes.push(`lines as (
    select ord.customer_id, ord.created_at, li.product_id, oi.quantity
    from ord${ctx.readModel ? '\n    join "order" o on o.id = ord.id' : ""}
    join order_item oi on oi.order_id = ord.id and oi.version = ${ctx.readModel ? "o" : "ord"}.version and oi.deleted_at is null
    join order_line_item li on li.id = oi.item_id and li.deleted_at is null
  )`)
    ctes.push(...purchaseCtes)
  }
  if (usesRfm) {
    if (idsP()) {
      ctes.push(`ord_all as (\n    ${ordersSql(p, ctx, currencyP(), null)}\n  )`)
    }
    const src = idsP() ? "ord_all" : "ord"
    ctes.push(`rfm_base as (
    select customer_id, count(*)::numeric as f, sum(total) as m,
      floor(extract(epoch from (${nowP()} - max(created_at))) / 86400) as r
    from ${src} group by customer_id
  )`)
    ctes.push(`rfm_cut as (
    select percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by r) as rq,
      percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by f) as fq,
      percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by m) as mq
    from rfm_base
  )`)
    ctes.push(`rfm as (
    select b.customer_id,
      1 + (b.r < q.rq[4])::int + (b.r < q.rq[3])::int + (b.r < q.rq[2])::int + (b.r < q.rq[1])::int as r_score,
      1 + (b.f > q.fq[1])::int + (b.f > q.fq[2])::int + (b.f > q.fq[3])::int + (b.f > q.fq[4])::int as f_score,
      1 + (b.m > q.mq[1])::int + (b.m > q.mq[2])::int + (b.m > q.mq[3])::int + (b.m > q.mq[4])::int as m_score
    from rfm_base b cross join rfm_cut q
  )`)
  }
  const joins = [
    aggCols.length ? "left join agg a on a.customer_id = c.id" : "",
    ...purchaseCtes.map((_, i) => {
      const col = /^(f\d+) as/.exec(purchaseCtes[i])![1]
      return `left join ${col} on ${col}.customer_id = c.id`
    }),
    usesRfm ? "left join rfm on rfm.customer_id = c.id" : "",
  ].filter(Boolean)
  ctes.push(`facts as (
    select c.id, c.email${factCols.length ? ", " + factCols.join(", ") : ""}
    from customer c
    ${joins.join("\n    ")}
    where c.deleted_at is null${idsP() ? ` and c.id = any(${idsP()})` : ""}
  )`)

  return {
    with: `with ${ctes.join(",\n  ")}`,
    predicate,
    topLevel: tops,
    leaves,
    params: p.values,
    readsOrderFacts: usesOrders && !!ctx.readModel,
  }
}
