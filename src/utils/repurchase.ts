/**
 * Repurchase cycles: which products customers buy again, and after how long. Pure: purchases in,
 * per-product statistics and a proposed `repurchase_window_days` out (the product fact the
 * engine's `already_bought` filter reads). The data audit computes the same aggregates in SQL and
 * decides with `proposeRepurchaseWindow`, so both agree.
 */

const DAY_MS = 86400000

/** One counted order line: who bought which product, when. */
export type RepurchasePurchase = { customer_id: string; product_id: string; at: Date }

/**
 * When a product gets a proposed window: enough buyers to trust the share, a share of them
 * who re-buy, and enough intervals to trust the median.
 */
export const REPURCHASE_THRESHOLDS = {
  /** Distinct customers who bought the product. */
  min_buyers: 30,
  /** Share of those buyers who bought it on two or more distinct days. */
  min_rebuy_share: 0.2,
  /** Intervals between consecutive purchase days of one customer, over all customers. */
  min_intervals: 10,
}

export type RepurchaseThresholds = typeof REPURCHASE_THRESHOLDS

/** The aggregates a proposal is decided on (what the audit's SQL returns per product). */
export type RepurchaseAggregate = {
  buyers: number
  rebuyers: number
  intervals: number
  /** Median of the intervals in days (mean of the two middle ones for an even count); null without intervals. */
  median_interval_days: number | null
}

export type RepurchaseStats = RepurchaseAggregate & {
  product_id: string
  /** rebuyers / buyers. */
  rebuy_share: number
  /** The proposed window (median interval, rounded, at least 1 day), or null when the thresholds are not met. */
  repurchase_window_days: number | null
}

/** The proposed window for one product's aggregates, or null (too few buyers, re-buyers or intervals). */
export function proposeRepurchaseWindow(
  a: RepurchaseAggregate,
  thresholds: RepurchaseThresholds = REPURCHASE_THRESHOLDS
): number | null {
  if (
    a.median_interval_days === null ||
    a.buyers < thresholds.min_buyers ||
    a.rebuyers < thresholds.min_rebuy_share * a.buyers ||
    a.intervals < thresholds.min_intervals
  ) {
    return null
  }
  return Math.max(1, Math.round(a.median_interval_days))
}

/** Median of numbers (mean of the two middle values for an even count); null for none. */
export function median(values: number[]): number | null {
  if (!values.length) {
    return null
  }
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** customer -> product -> distinct purchase days (UTC day numbers) */
type PurchaseDays = Map<string, Map<string, Set<number>>>

const dayOf = (at: Date) => Math.floor(at.getTime() / DAY_MS)

function addDay(byCustomer: PurchaseDays, p: RepurchasePurchase) {
  let products = byCustomer.get(p.customer_id)
  if (!products) {
    products = new Map()
    byCustomer.set(p.customer_id, products)
  }
  let set = products.get(p.product_id)
  if (!set) {
    set = new Set()
    products.set(p.product_id, set)
  }
  set.add(dayOf(p.at))
}

/**
 * The aggregates of one group of purchases: buyers (distinct customers), re-buyers (customers who
 * bought one product of the group on two or more distinct days) and the intervals between a
 * customer's consecutive purchase days of the same product, pooled over the group's products.
 */
function aggregateOf(byCustomer: PurchaseDays): RepurchaseAggregate {
  let rebuyers = 0
  const gaps: number[] = []
  for (const products of byCustomer.values()) {
    let rebought = false
    for (const set of products.values()) {
      if (set.size < 2) {
        continue
      }
      rebought = true
      const sorted = [...set].sort((a, b) => a - b)
      for (let i = 1; i < sorted.length; i++) {
        gaps.push(sorted[i] - sorted[i - 1])
      }
    }
    if (rebought) rebuyers++
  }
  return { buyers: byCustomer.size, rebuyers, intervals: gaps.length, median_interval_days: median(gaps) }
}

/** Purchases grouped by key (a product, or each category of it), then the aggregates of each group. */
function cyclesBy(
  purchases: Iterable<RepurchasePurchase>,
  keysOf: (p: RepurchasePurchase) => readonly string[],
  thresholds: RepurchaseThresholds
): (RepurchaseAggregate & { key: string; rebuy_share: number; repurchase_window_days: number | null })[] {
  const groups = new Map<string, PurchaseDays>()
  for (const p of purchases) {
    for (const key of keysOf(p)) {
      let byCustomer = groups.get(key)
      if (!byCustomer) {
        byCustomer = new Map()
        groups.set(key, byCustomer)
      }
      addDay(byCustomer, p)
    }
  }
  const out = [...groups].map(([key, byCustomer]) => {
    const aggregate = aggregateOf(byCustomer)
    return {
      key,
      ...aggregate,
      rebuy_share: aggregate.rebuyers / aggregate.buyers,
      repurchase_window_days: proposeRepurchaseWindow(aggregate, thresholds),
    }
  })
  return out.sort(
    (a, b) => b.rebuyers - a.rebuyers || b.buyers - a.buyers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  )
}

/**
 * Per product: buyers, re-buyers (customers who bought it on two or more distinct UTC days), their
 * share, the median interval in days between a customer's consecutive purchase days, and the
 * proposed window. Several lines of one product on one day (one order, or two) count once.
 * Sorted by re-buyers, then buyers (descending), then product id.
 */
export function detectRepurchaseCycles(
  purchases: Iterable<RepurchasePurchase>,
  thresholds: RepurchaseThresholds = REPURCHASE_THRESHOLDS
): RepurchaseStats[] {
  return cyclesBy(purchases, (p) => [p.product_id], thresholds).map(({ key, ...rest }) => ({
    product_id: key,
    ...rest,
  }))
}

export type CategoryRepurchaseStats = RepurchaseAggregate & {
  category_id: string
  rebuy_share: number
  repurchase_window_days: number | null
}

/**
 * Per category: the same figures over the category's products, where a re-buy is buying the same
 * product again (buying two products of one category is no re-buy) and the intervals of all its
 * products are pooled. A category proposes a window for its products that have too few buyers to
 * get one of their own. A product in several categories counts in each. Same order as per product.
 */
export function detectCategoryRepurchaseCycles(
  purchases: Iterable<RepurchasePurchase>,
  categoriesOf: ReadonlyMap<string, readonly string[]>,
  thresholds: RepurchaseThresholds = REPURCHASE_THRESHOLDS
): CategoryRepurchaseStats[] {
  return cyclesBy(purchases, (p) => categoriesOf.get(p.product_id) ?? [], thresholds).map(({ key, ...rest }) => ({
    category_id: key,
    ...rest,
  }))
}

/** A `metadata.repurchase_window_days` value as a window: a number >= 0, else none. */
export function metadataWindow(value: unknown): number | null {
  // Number(" ") is 0 and Number(true) is 1: only a number or a numeric string is a window.
  const text = typeof value === "string" ? value.trim() : null
  const n = typeof value === "number" ? value : text ? Number(text) : NaN
  return Number.isFinite(n) && n >= 0 ? n : null
}

/**
 * The window a product's purchases are judged by: its own, else the largest of its categories'
 * (the later re-offer: a product is not offered again before any of its categories says it is due),
 * else none.
 */
export function effectiveWindow(own: number | null, categoryWindows: readonly (number | null)[]): number | null {
  if (own !== null) return own
  const set = categoryWindows.filter((w): w is number => w !== null)
  return set.length ? Math.max(...set) : null
}

export type ProductWindow = { days: number | null; from: "product" | "category" | null }

/**
 * A product's window from its own and its categories' `repurchase_window_days` values (metadata as
 * stored, or proposals): `effectiveWindow` of their `metadataWindow`s, and where it comes from. The
 * one definition the store's catalog read and the evaluator's re-buy protocol both use.
 */
export function productWindow(own: unknown, categories: readonly unknown[]): ProductWindow {
  const mine = metadataWindow(own)
  const days = effectiveWindow(mine, categories.map(metadataWindow))
  return { days, from: mine !== null ? "product" : days !== null ? "category" : null }
}

/**
 * The windows products would be judged by if the merchant accepted every proposal detected on
 * these purchases: per product bought, `productWindow` of its own proposal and its categories'
 * (`categoriesOf`: product id -> category ids; empty when the data has no categories). Products
 * without a window are left out.
 */
export function detectedWindows(
  purchases: readonly RepurchasePurchase[],
  categoriesOf: ReadonlyMap<string, readonly string[]> = new Map(),
  thresholds: RepurchaseThresholds = REPURCHASE_THRESHOLDS
): Map<string, number> {
  const own = proposedWindows(detectRepurchaseCycles(purchases, thresholds))
  const byCategory = new Map(
    detectCategoryRepurchaseCycles(purchases, categoriesOf, thresholds).map((c) => [
      c.category_id,
      c.repurchase_window_days,
    ])
  )
  const out = new Map<string, number>()
  for (const id of new Set(purchases.map((p) => p.product_id))) {
    const w = productWindow(
      own.get(id) ?? null,
      (categoriesOf.get(id) ?? []).map((c) => byCategory.get(c) ?? null)
    )
    if (w.days !== null) {
      out.set(id, w.days)
    }
  }
  return out
}

/** The proposed windows only, product id -> days (what the engine reads as `repurchase_window_days`). */
export function proposedWindows(stats: Iterable<RepurchaseStats>): Map<string, number> {
  const out = new Map<string, number>()
  for (const s of stats) {
    if (s.repurchase_window_days !== null) {
      out.set(s.product_id, s.repurchase_window_days)
    }
  }
  return out
}
