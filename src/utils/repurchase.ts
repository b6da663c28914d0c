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
  // product -> customer -> distinct purchase days (UTC day numbers)
  const days = new Map<string, Map<string, Set<number>>>()
  for (const p of purchases) {
    let byCustomer = days.get(p.product_id)
    if (!byCustomer) {
      byCustomer = new Map()
      days.set(p.product_id, byCustomer)
    }
    let set = byCustomer.get(p.customer_id)
    if (!set) {
      set = new Set()
      byCustomer.set(p.customer_id, set)
    }
    set.add(Math.floor(p.at.getTime() / DAY_MS))
  }
  const out: RepurchaseStats[] = []
  for (const [product_id, byCustomer] of days) {
    let rebuyers = 0
    const gaps: number[] = []
    for (const set of byCustomer.values()) {
      if (set.size < 2) {
        continue
      }
      rebuyers++
      const sorted = [...set].sort((a, b) => a - b)
      for (let i = 1; i < sorted.length; i++) {
        gaps.push(sorted[i] - sorted[i - 1])
      }
    }
    const aggregate: RepurchaseAggregate = {
      buyers: byCustomer.size,
      rebuyers,
      intervals: gaps.length,
      median_interval_days: median(gaps),
    }
    out.push({
      product_id,
      ...aggregate,
      rebuy_share: rebuyers / byCustomer.size,
      repurchase_window_days: proposeRepurchaseWindow(aggregate, thresholds),
    })
  }
  return out.sort(
    (a, b) =>
      b.rebuyers - a.rebuyers ||
      b.buyers - a.buyers ||
      (a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0)
  )
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
