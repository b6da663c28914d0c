import type { AuditContext } from "./types"
import type { CustomerGap, GapCombination } from "../utils/readiness"
import { NON_PRODUCT_CODES, NON_PRODUCT_TITLES } from "../utils/non-product"
import { canceledOrder, countedOrder, placedOrder } from "../../../utils/counted-order"

/**
 * SQL shared by the checks. Every aggregate reads Medusa's own tables once per run (memoized in
 * the context) with bound parameters; samples are separate `LIMIT` queries.
 */

/** Placed orders (src/utils/counted-order.ts): live, not drafts; canceled ones included (a check of its own). */
export const ORDERS_FROM = `"order" o where ${placedOrder("o")}`

/** Lines of the latest version of live orders, with the order's customer and the line's product. */
export const LINES_FROM = `"order" o
  join order_item oi on oi.order_id = o.id and oi.version = o.version and oi.deleted_at is null
  join order_line_item li on li.id = oi.item_id and li.deleted_at is null
  left join customer c on c.id = o.customer_id and c.deleted_at is null
  left join product p on p.id = li.product_id and p.deleted_at is null
  where ${placedOrder("o")}`

/** A guest order: no customer, or a customer without an account (Medusa's guest checkout). */
export const GUEST = `coalesce(c.has_account, false) = false`
export const CANCELED = canceledOrder("o")
export const LINE_PRICE = `coalesce(oi.unit_price, li.unit_price)`
export const LINE_CODE = `coalesce(nullif(btrim(li.variant_sku), ''), li.metadata->>'stock_code', '')`

/** The non-product heuristic in SQL; binds two text arrays (codes, titles). */
export const NON_PRODUCT = `(upper(btrim(${LINE_CODE})) = any(?::text[])
  or lower(${LINE_CODE}) like 'gift\\_%'
  or upper(btrim(li.title)) = any(?::text[])
  or coalesce(p.metadata->>'non_product', '') = 'true')`
export const NON_PRODUCT_BINDINGS = () => [NON_PRODUCT_CODES, NON_PRODUCT_TITLES]

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))

/**
 * Distinct sample ids from a query that may repeat them (order ids of lines): reads a few times
 * the sample size without DISTINCT, so the scan stops early, and de-duplicates here.
 */
export async function distinctSampleIds(
  ctx: AuditContext,
  affected: number,
  sql: string,
  bindings: unknown[] = []
): Promise<string[]> {
  if (affected <= 0 || ctx.options.sample_size <= 0) {
    return []
  }
  const rows = await ctx.query<{ id: string }>(`${sql} limit ?`, [...bindings, ctx.options.sample_size * 10])
  return [...new Set(rows.map((r) => String(r.id)))].slice(0, ctx.options.sample_size)
}

export async function sampleIds(
  ctx: AuditContext,
  affected: number,
  sql: string,
  bindings: unknown[] = []
): Promise<string[]> {
  if (affected <= 0 || ctx.options.sample_size <= 0) {
    return []
  }
  const rows = await ctx.query<{ id: string }>(`${sql} limit ?`, [...bindings, ctx.options.sample_size])
  return rows.map((r) => String(r.id))
}

/** Per-customer flags, as SQL over `customer c` (used by counts and samples alike). */
export const CUSTOMER_FLAGS = {
  missing_email: `coalesce(btrim(c.email), '') = ''`,
  missing_name: `coalesce(btrim(c.first_name), '') = ''`,
  missing_phone: `coalesce(btrim(c.phone), '') = ''`,
  missing_address: `not exists (select 1 from customer_address a where a.customer_id = c.id and a.deleted_at is null)`,
  no_orders: `not exists (select 1 from "order" o where o.customer_id = c.id and ${placedOrder("o")})`,
} satisfies Record<CustomerGap, string>

export type CustomerGapHistogram = { rows: GapCombination[]; total: number; stale: number; with_orders: number }

/** Customer gap histogram: how many customers have each combination of gaps (<= 32 rows). */
export function customerGaps(ctx: AuditContext): Promise<CustomerGapHistogram> {
  return ctx.memo("customer_gaps", async () => {
    const staleBefore = new Date(ctx.options.now.getTime() - ctx.options.stale_days * 86400000)
    const rows = await ctx.query(
      `with addr as (select distinct customer_id from customer_address where deleted_at is null),
       ord as (select o.customer_id, max(o.created_at) as last_order_at from ${ORDERS_FROM}
               and o.customer_id is not null group by o.customer_id)
       select coalesce(btrim(c.email), '') = '' as missing_email,
              coalesce(btrim(c.first_name), '') = '' as missing_name,
              coalesce(btrim(c.phone), '') = '' as missing_phone,
              a.customer_id is null as missing_address,
              od.customer_id is null as no_orders,
              count(*) as n,
              count(*) filter (where od.last_order_at < ?) as stale
       from customer c
       left join addr a on a.customer_id = c.id
       left join ord od on od.customer_id = c.id
       where c.deleted_at is null
       group by 1, 2, 3, 4, 5`,
      [staleBefore]
    )
    const histogram: GapCombination[] = rows.map((r) => ({
      missing_email: !!r.missing_email,
      missing_name: !!r.missing_name,
      missing_phone: !!r.missing_phone,
      missing_address: !!r.missing_address,
      no_orders: !!r.no_orders,
      count: num(r.n),
    }))
    return {
      rows: histogram,
      total: histogram.reduce((s, r) => s + r.count, 0),
      stale: rows.reduce((s, r) => s + num(r.stale), 0),
      with_orders: histogram.filter((r) => !r.no_orders).reduce((s, r) => s + r.count, 0),
    }
  })
}

export type OrderStats = {
  total: number
  guest: number
  guest_with_email: number
  canceled: number
  no_sales_channel: number
  identified: number
  non_canceled: number
  first_order_at: Date | null
  last_order_at: Date | null
}

/** One pass over orders. */
export function orderStats(ctx: AuditContext): Promise<OrderStats> {
  return ctx.memo("order_stats", async () => {
    const [r] = await ctx.query(
      `select count(*) as total,
              count(*) filter (where ${GUEST}) as guest,
              count(*) filter (where ${GUEST} and coalesce(btrim(o.email), '') <> '') as guest_with_email,
              count(*) filter (where ${CANCELED}) as canceled,
              count(*) filter (where not ${CANCELED}) as non_canceled,
              count(*) filter (where o.sales_channel_id is null) as no_sales_channel,
              count(*) filter (where not ${GUEST}) as identified,
              min(o.created_at) as first_order_at,
              max(o.created_at) as last_order_at
       from "order" o left join customer c on c.id = o.customer_id and c.deleted_at is null
       where ${placedOrder("o")}`
    )
    return {
      total: num(r.total),
      guest: num(r.guest),
      guest_with_email: num(r.guest_with_email),
      canceled: num(r.canceled),
      non_canceled: num(r.non_canceled),
      no_sales_channel: num(r.no_sales_channel),
      identified: num(r.identified),
      first_order_at: r.first_order_at ? new Date(r.first_order_at as string) : null,
      last_order_at: r.last_order_at ? new Date(r.last_order_at as string) : null,
    }
  })
}

export type LineStats = {
  total: number
  non_positive_price: number
  missing_product: number
  non_product: number
  /** Lines the source recorded without a description (importers flag metadata.missing_description). */
  missing_description: number
  canceled: number
  /** Revenue of non-canceled orders per currency: all and guest-only. */
  revenue: Record<string, { total: number; guest: number }>
}

/** One pass over order lines (latest order versions), grouped by currency, guest and canceled. */
export function lineStats(ctx: AuditContext): Promise<LineStats> {
  return ctx.memo("line_stats", async () => {
    const rows = await ctx.query(
      `select o.currency_code as currency, ${GUEST} as guest, ${CANCELED} as canceled,
              count(*) as total,
              count(*) filter (where ${LINE_PRICE} <= 0) as non_positive_price,
              count(*) filter (where p.id is null) as missing_product,
              count(*) filter (where ${NON_PRODUCT}) as non_product,
              count(*) filter (where coalesce(li.metadata->>'missing_description', '') = 'true') as missing_description,
              coalesce(sum(oi.quantity * ${LINE_PRICE}), 0) as revenue
       from ${LINES_FROM}
       group by 1, 2, 3`,
      NON_PRODUCT_BINDINGS()
    )
    const out: LineStats = {
      total: 0,
      non_positive_price: 0,
      missing_product: 0,
      non_product: 0,
      missing_description: 0,
      canceled: 0,
      revenue: {},
    }
    for (const r of rows) {
      out.total += num(r.total)
      out.non_positive_price += num(r.non_positive_price)
      out.missing_product += num(r.missing_product)
      out.non_product += num(r.non_product)
      out.missing_description += num(r.missing_description)
      if (r.canceled) {
        out.canceled += num(r.total)
      } else {
        const cur = String(r.currency)
        out.revenue[cur] ??= { total: 0, guest: 0 }
        out.revenue[cur].total += num(r.revenue)
        if (r.guest) {
          out.revenue[cur].guest += num(r.revenue)
        }
      }
    }
    return out
  })
}

export type ProductStats = Record<
  | "total"
  | "no_category"
  | "no_collection"
  | "no_tags"
  | "no_type"
  | "no_description"
  | "placeholder_title"
  | "no_images"
  | "no_price"
  | "never_sold"
  | "duplicate_title"
  | "duplicate_title_groups"
  | "unusable_all"
  | "unusable_co_purchase"
  | "unusable_fallback_category"
  | "unusable_fallback_store"
  | "unusable_rule_collection"
  | "unusable_rule_tag",
  number
>

/**
 * Per-product flags as a select list over `product p` joined to the helper sets below. Shared by
 * the whole-catalog aggregate and the one-product gaps endpoint.
 */
export const PRODUCT_SETS = `
  cat as (select distinct product_id from product_category_product),
  tag as (select distinct product_id from product_tags),
  img as (select distinct product_id from image where deleted_at is null),
  priced as (select distinct v.product_id from product_variant v
             join product_variant_price_set pvps on pvps.variant_id = v.id and pvps.deleted_at is null
             join price pr on pr.price_set_id = pvps.price_set_id and pr.deleted_at is null and pr.price_list_id is null
             where v.deleted_at is null),
  chan as (select distinct product_id from product_sales_channel where deleted_at is null),
  skus as (select distinct v.product_id, upper(v.sku) as sku from product_variant v
           where v.deleted_at is null and v.sku is not null),
  titles as (select lower(btrim(title)) as t, count(*) as n from product where deleted_at is null group by 1),
  f as materialized (
    select p.id,
      cat.product_id is null as no_category,
      p.collection_id is null as no_collection,
      tag.product_id is null as no_tags,
      p.type_id is null as no_type,
      coalesce(btrim(p.description), '') = '' as no_description,
      (coalesce(p.metadata->>'missing_description', '') = 'true'
        or exists (select 1 from skus s where s.product_id = p.id and s.sku = upper(btrim(p.title)))) as placeholder_title,
      (coalesce(btrim(p.thumbnail), '') = '' and img.product_id is null) as no_images,
      priced.product_id is null as no_price,
      -- Per-product probe through the product_id index: stops at the first line of a live,
      -- non-canceled order (a full join of all order lines costs far more).
      not exists (select 1 from order_line_item li
        join order_item oi on oi.item_id = li.id and oi.deleted_at is null
        join "order" o on o.id = oi.order_id and o.version = oi.version and ${countedOrder("o")}
        where li.product_id = p.id and li.deleted_at is null) as never_sold,
      titles.n > 1 as duplicate_title,
      (p.status <> 'published' or chan.product_id is null) as not_sellable
    from product p
    left join cat on cat.product_id = p.id
    left join tag on tag.product_id = p.id
    left join img on img.product_id = p.id
    left join priced on priced.product_id = p.id
    left join chan on chan.product_id = p.id
    left join titles on titles.t = lower(btrim(p.title))
    where p.deleted_at is null PRODUCT_FILTER
  )`

/**
 * Recommendation strategies (see the recommendation module) and the product data each needs.
 * Every strategy also needs the product published and in a sales channel.
 */
export const STRATEGY_NEEDS = {
  co_purchase: "never_sold",
  fallback_store: "never_sold",
  fallback_category: "no_category",
  rule_collection: "no_collection",
  rule_tag: "no_tags",
} as const

const unusable = (flag: string) => `(f.not_sellable or f.${flag})`
export const UNUSABLE_ALL = `(${Object.values(STRATEGY_NEEDS).map(unusable).join(" and ")})`

const PRODUCT_FLAGS = [
  "no_category",
  "no_collection",
  "no_tags",
  "no_type",
  "no_description",
  "placeholder_title",
  "no_images",
  "no_price",
  "never_sold",
  "duplicate_title",
] as const

/**
 * One pass over live products: every flag's count and its first sample ids (products are a
 * small table; the samples are sliced in SQL, at most sample_size per flag reach Node).
 */
export function productStats(ctx: AuditContext): Promise<ProductStats & { samples: Record<string, string[]> }> {
  return ctx.memo("product_stats", async () => {
    const flags: [string, string][] = [
      ...PRODUCT_FLAGS.map((f): [string, string] => [f, `f.${f}`]),
      ["unusable_all", UNUSABLE_ALL],
    ]
    const [r] = await ctx.query(
      `with ${PRODUCT_SETS.replace("PRODUCT_FILTER", "")}
       select count(*) as total,
         ${flags.map(([k, expr]) => `count(*) filter (where ${expr}) as ${k}`).join(",\n         ")},
         ${flags
           .map(([k, expr]) => `(array_agg(f.id order by f.id) filter (where ${expr}))[1:?] as ${k}_samples`)
           .join(",\n         ")},
         (select count(*) from titles where n > 1) as duplicate_title_groups,
         ${Object.entries(STRATEGY_NEEDS)
           .map(([s, flag]) => `count(*) filter (where ${unusable(flag)}) as unusable_${s}`)
           .join(",\n         ")}
       from f`,
      flags.map(() => ctx.options.sample_size)
    )
    const out = { samples: {} } as ProductStats & { samples: Record<string, string[]> }
    for (const [k, v] of Object.entries(r)) {
      if (k.endsWith("_samples")) {
        out.samples[k.slice(0, -"_samples".length)] = ((v as string[] | null) ?? []).map(String)
      } else {
        ;(out as unknown as Record<string, number>)[k] = num(v)
      }
    }
    return out
  })
}

/** Sample product ids for one flag (or `unusable_all`), from the product pass. */
export async function productSample(ctx: AuditContext, flag: string): Promise<string[]> {
  return (await productStats(ctx)).samples[flag] ?? []
}
