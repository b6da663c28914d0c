import { FilterCounts, FilterName, ProductFacts, PurchaseHistoryItem, RecommendedItem } from "./types"

const DAY_MS = 86400000

export type BuyAgainInput = {
  /** The customer's purchases: distinct products with their last purchase date. */
  history: PurchaseHistoryItem[]
  /** Facts of the history's products (a product without facts was deleted). */
  facts: Map<string, ProductFacts>
  cart_product_ids: string[]
  now: Date
  limit: number
}

/** Whole days from `from` to `to` (0 when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS))
}

/**
 * Due re-buys for the `buy_again` placement: products the customer bought whose
 * `repurchase_window_days` has passed since their last purchase, most overdue first (days since
 * the last purchase divided by the window; ties by product id). Products without a window are never
 * listed; the hard filters (unknown, unpublished, other sales channel, in the cart) are counted.
 * A window of 0 counts as 1 day for the ranking (due at once, overdue by the days since).
 */
export function selectBuyAgain(input: BuyAgainInput): { items: RecommendedItem[]; filters: FilterCounts } {
  const filters: FilterCounts = {}
  const drop = (f: FilterName) => {
    filters[f] = (filters[f] ?? 0) + 1
  }
  const inCart = new Set(input.cart_product_ids)
  const due: { product_id: string; window: number; days: number; overdue: number; category: boolean }[] = []
  for (const h of input.history) {
    const facts = input.facts.get(h.product_id)
    if (!facts) {
      drop("unknown_product")
      continue
    }
    const window = facts.repurchase_window_days
    const days = daysBetween(h.last_purchased_at, input.now)
    if (window === null || window === undefined || days < window) {
      continue
    }
    if (!facts.published) {
      drop("unpublished")
    } else if (!facts.in_sales_channel) {
      drop("wrong_sales_channel")
    } else if (inCart.has(h.product_id)) {
      drop("in_cart")
    } else {
      due.push({
        product_id: h.product_id,
        window,
        days,
        overdue: days / Math.max(1, window),
        category: facts.repurchase_window_from === "category",
      })
    }
  }
  due.sort((a, b) => b.overdue - a.overdue || (a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0))
  const items = due.slice(0, input.limit).map((d): RecommendedItem => ({
    product_id: d.product_id,
    score: Math.round(d.overdue * 1000) / 1000,
    reasons: [
      {
        type: "buy_again",
        message: d.category
          ? `Products like this are usually re-bought every ${plural(d.window)}; last bought ${plural(d.days)} ago`
          : `You usually re-buy this every ${plural(d.window)}; last bought ${plural(d.days)} ago`,
        product_id: d.product_id,
      },
    ],
    trace: {
      source: "buy_again",
      score: d.overdue,
      fallback: false,
      segment_ids: [],
      rule_id: null,
      rule_version: null,
      objective_id: null,
      filters,
    },
  }))
  return { items, filters }
}

const plural = (n: number) => (n === 1 ? "1 day" : `${n} days`)
