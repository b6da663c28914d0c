import { appliedRules, applyRules } from "./engine/rules"
import { sortWorking } from "./engine/rank"
import { Working } from "./engine/types"
import { EngineRule, FilterCounts, FilterName, ProductFacts, PurchaseHistoryItem, RecommendedItem } from "./types"

const DAY_MS = 86400000

export type BuyAgainInput = {
  /** The customer's purchases: distinct products with their last purchase date. */
  history: PurchaseHistoryItem[]
  /** Facts of the history's products (a product without facts was deleted). */
  facts: Map<string, ProductFacts>
  cart_product_ids: string[]
  now: Date
  limit: number
  /**
   * Rules that apply to this customer (`applicableRules`), as on the other placements: exclude
   * removes a due re-buy (counted as `rule_exclude`), boost and bury scale its overdue score, pin
   * moves it first. A pin never adds a product: this list holds only the customer's due re-buys.
   */
  rules?: EngineRule[]
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
 * A window of 0 counts as 1 day for the ranking (due at once, overdue by the days since). Rules
 * (`input.rules`) apply after the hard filters, as in the engine.
 */
export function selectBuyAgain(input: BuyAgainInput): {
  items: RecommendedItem[]
  filters: FilterCounts
  rules_applied: { id: string; version: number; action: string }[]
  exclude_rule_ids: string[]
} {
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
  const rules = input.rules ?? []
  const excludedBy = new Set<string>()
  const kept: (Working & { window: number; days: number })[] = []
  for (const d of due) {
    const w = {
      product_id: d.product_id,
      score: d.overdue,
      stage: 0,
      pinned: 0,
      source: "buy_again" as const,
      segment_ids: [],
      rule: null,
      reasons: [
        {
          type: "buy_again" as const,
          message: d.category
            ? `Products like this are usually re-bought every ${plural(d.window)}; last bought ${plural(d.days)} ago`
            : `You usually re-buy this every ${plural(d.window)}; last bought ${plural(d.days)} ago`,
          product_id: d.product_id,
        },
      ],
      window: d.window,
      days: d.days,
    }
    const excluder = applyRules(w, rules, input.facts.get(d.product_id))
    if (excluder) {
      drop("rule_exclude")
      excludedBy.add(excluder.id)
      continue
    }
    kept.push(w)
  }
  sortWorking(kept)
  const items = kept.slice(0, input.limit).map((w): RecommendedItem => ({
    product_id: w.product_id,
    score: Math.round(w.score * 1000) / 1000,
    reasons: w.reasons,
    trace: {
      source: "buy_again",
      score: w.score,
      fallback: false,
      segment_ids: w.segment_ids,
      rule_id: w.rule?.id ?? null,
      rule_version: w.rule?.version ?? null,
      objective_id: w.rule?.objective_id ?? null,
      filters,
    },
  }))
  return {
    items,
    filters,
    rules_applied: appliedRules(items, rules),
    exclude_rule_ids: [...excludedBy],
  }
}

const plural = (n: number) => (n === 1 ? "1 day" : `${n} days`)
