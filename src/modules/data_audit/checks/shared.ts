import type { AuditContext, RepurchaseRow } from "./types"
import type { CustomerGap, GapCombination } from "../utils/readiness"
import { lineCodeSql, nonProductFlagSql, nonProductLineSql } from "../../../utils/non-product"
import { canceledOrder, countedOrder, placedOrder } from "../../../utils/counted-order"

/**
 * SQL fragments, result types and accessors shared by the checks. The aggregates come from the
 * context's source (`ctx.source`): one scan per table per run (`../repositories`), or the previous
 * per-check queries kept for the bench (`../repositories/previous.ts`); both memoize per run.
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
export const LINE_CODE = lineCodeSql("li")

/** The non-product heuristic's part that reads the line alone (its code, its title): src/utils/non-product.ts. */
export const NON_PRODUCT_CODE = nonProductLineSql("li")
/** The heuristic's part that reads the line's live product `p` (the store's own declaration). */
export const NON_PRODUCT_FLAG = nonProductFlagSql("p")
/** The non-product heuristic in SQL (no bindings). */
export const NON_PRODUCT = `(${NON_PRODUCT_CODE} or ${NON_PRODUCT_FLAG})`

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

export type CustomerGapHistogram = {
  rows: GapCombination[]
  total: number
  stale: number
  with_orders: number
  /** Customers with at least one counted order (placed, not canceled). */
  with_counted_orders: number
  /** Customers with exactly one counted order: they never came back. */
  single_order: number
}

/** Customer gap histogram: how many customers have each combination of gaps (<= 32 rows). */
export function customerGaps(ctx: AuditContext): Promise<CustomerGapHistogram> {
  return ctx.source.customerGaps(ctx)
}

/** The histogram from rows of (five gap flags, n, stale, with_counted, single_order) grouped by the flags. */
export function gapHistogram(rows: Record<string, unknown>[]): CustomerGapHistogram {
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
    with_counted_orders: rows.reduce((s, r) => s + num(r.with_counted), 0),
    single_order: rows.reduce((s, r) => s + num(r.single_order), 0),
  }
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

/** Counts over placed orders (canceled included), first and last order. */
export function orderStats(ctx: AuditContext): Promise<OrderStats> {
  return ctx.source.orderStats(ctx)
}

/** Order counts from one aggregate row (columns named as `OrderStats`). */
export function orderStatsFrom(r: Record<string, unknown>): OrderStats {
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

/** Counts over the lines of the latest order versions, and revenue per currency. */
export function lineStats(ctx: AuditContext): Promise<LineStats> {
  return ctx.source.lineStats(ctx)
}

/** Per line of `LINES_FROM`: its group (currency, guest, canceled), flags and revenue (binds `NON_PRODUCT_BINDINGS`). */
export const LINE_COLUMNS = `o.currency_code as currency, ${GUEST} as guest, ${CANCELED} as canceled,
  ${LINE_PRICE} <= 0 as non_positive_price,
  p.id is null as missing_product,
  ${NON_PRODUCT} as non_product,
  coalesce(li.metadata->>'missing_description', '') = 'true' as missing_description,
  oi.quantity * ${LINE_PRICE} as revenue`

/** Line counts per (currency, guest, canceled) over rows of `LINE_COLUMNS` named `l`. */
export const LINE_GROUP_COLUMNS = `l.currency, l.guest, l.canceled,
  count(*) as total,
  count(*) filter (where l.non_positive_price) as non_positive_price,
  count(*) filter (where l.missing_product) as missing_product,
  count(*) filter (where l.non_product) as non_product,
  count(*) filter (where l.missing_description) as missing_description,
  coalesce(sum(l.revenue), 0) as revenue`

/** Line stats from the rows of `LINE_GROUP_COLUMNS` (one per currency, guest, canceled). */
export function lineStatsFrom(rows: Record<string, unknown>[]): LineStats {
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

/** How the product pass decides `never_sold`: a join on `product p` and a flag over it. */
export type SoldProbe = { join: string; never_sold: string }

/**
 * `never_sold` as a per-product probe through the product_id index, stopping at the first line
 * of a counted order. `LATERAL ... LIMIT 1` keeps it a probe: written as `not exists (...)`
 * PostgreSQL planned it as one hashed join of every order line (7.7 s of the 1M-line store's
 * audit under load, against ~0.5 s for 10,000 probes; docs/performance.md, "Audit").
 */
export const SOLD_PROBE: SoldProbe = {
  join: `left join lateral (select 1 as one from order_line_item li
        join order_item oi on oi.item_id = li.id and oi.deleted_at is null
        join "order" o on o.id = oi.order_id and o.version = oi.version and ${countedOrder("o")}
        where li.product_id = p.id and li.deleted_at is null
        limit 1) sold on true`,
  never_sold: "sold.one is null",
}

/**
 * Per-product flags as a select list over `product p` joined to the helper sets below. Shared by
 * the whole-catalog aggregate and the one-product gaps endpoint; `PRODUCT_FILTER` is replaced by
 * a condition on `p` (or nothing).
 */
export function productSets(sold: SoldProbe = SOLD_PROBE): string {
  return `
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
      ${sold.never_sold} as never_sold,
      titles.n > 1 as duplicate_title,
      (p.status <> 'published' or chan.product_id is null) as not_sellable,
      ${NON_PRODUCT_FLAG} as non_product
    from product p
    left join cat on cat.product_id = p.id
    left join tag on tag.product_id = p.id
    left join img on img.product_id = p.id
    left join priced on priced.product_id = p.id
    left join chan on chan.product_id = p.id
    left join titles on titles.t = lower(btrim(p.title))
    ${sold.join}
    where p.deleted_at is null PRODUCT_FILTER
  )`
}

export const PRODUCT_SETS = productSets()

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

/**
 * A product a strategy must skip: not sellable or lacking the strategy's need; a product the store
 * declares non-product (`metadata.non_product`: postage, fees; the importer drafts and flags them) is not
 * meant for any strategy, so it is never counted as one they cannot use.
 */
const unusable = (flag: string) => `(not f.non_product and (f.not_sellable or f.${flag}))`
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

export type ProductPass = ProductStats & { samples: Record<string, string[]> }

/** Every product flag's count and first sample ids. */
export function productStats(ctx: AuditContext): Promise<ProductPass> {
  return ctx.source.productStats(ctx)
}

/**
 * One pass over live products (`productSets(sold)`): every flag's count and its first sample ids
 * (products are a small table; the samples are sliced in SQL, at most sample_size per flag reach Node).
 */
export async function productPass(ctx: AuditContext, sold: SoldProbe): Promise<ProductPass> {
  const flags: [string, string][] = [
    ...PRODUCT_FLAGS.map((f): [string, string] => [f, `f.${f}`]),
    ["unusable_all", UNUSABLE_ALL],
  ]
  const [r] = await ctx.query(
    `with ${productSets(sold).replace("PRODUCT_FILTER", "")}
     select count(*) as total,
       ${flags.map(([k, expr]) => `count(*) filter (where ${expr}) as ${k}`).join(",\n       ")},
       ${flags
         .map(([k, expr]) => `(array_agg(f.id order by f.id) filter (where ${expr}))[1:?] as ${k}_samples`)
         .join(",\n       ")},
       (select count(*) from titles where n > 1) as duplicate_title_groups,
       ${Object.entries(STRATEGY_NEEDS)
         .map(([s, flag]) => `count(*) filter (where ${unusable(flag)}) as unusable_${s}`)
         .join(",\n       ")}
     from f`,
    flags.map(() => ctx.options.sample_size)
  )
  const out = { samples: {} } as ProductPass
  for (const [k, v] of Object.entries(r)) {
    if (k.endsWith("_samples")) {
      out.samples[k.slice(0, -"_samples".length)] = ((v as string[] | null) ?? []).map(String)
    } else {
      ;(out as unknown as Record<string, number>)[k] = num(v)
    }
  }
  return out
}

/** Sample product ids for one flag (or `unusable_all`), from the product pass. */
export async function productSample(ctx: AuditContext, flag: string): Promise<string[]> {
  return (await productStats(ctx)).samples[flag] ?? []
}

/** A repurchase row as both sources' SQL name its columns (product_id, title, buyers, rebuyers, intervals, median_interval_days, current_window). */
export function repurchaseRow(r: Record<string, unknown>): RepurchaseRow {
  return {
    product_id: String(r.product_id),
    title: String(r.title ?? ""),
    buyers: num(r.buyers),
    rebuyers: num(r.rebuyers),
    intervals: num(r.intervals),
    median_interval_days: r.median_interval_days === null ? null : Number(r.median_interval_days),
    current_window: r.current_window === null ? null : String(r.current_window),
  }
}
