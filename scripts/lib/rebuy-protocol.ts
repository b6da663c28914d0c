/**
 * The evaluator's second protocol, "re-buy": products customers re-buy on a cycle get the window
 * detected on the training period as their `repurchase_window_days` fact: their own, else their
 * categories' (`detectedWindows` in src/utils/repurchase.ts, on the store's `productWindow`), so the engine may show a product the customer bought before once
 * its window has passed; such a product counts as a hit when the customer bought it again on or
 * after last purchase + window. Products not bought before count as in the strict protocol.
 */
import { PreparedSplit, recommendAt } from "../../src/modules/recommendation/utils/validation"
import type { CandidateModel, ValidationPurchase } from "../../src/modules/recommendation/utils/validation"

const DAY_MS = 86400000

export type RebuyScore = {
  key: string
  customers: number
  /** Customers with a hit under the re-buy protocol, out of the test customers. */
  hit_rate: number
  /** Customers whose only hits are re-buys after their window (what the strict protocol cannot count). */
  rebuy_only_hit_rate: number
  /** Share of recommended items the customer bought before (due re-buys). */
  rebuy_items_share: number
}

/**
 * Product code -> its categories, from order lines that carry a `category` (several separated by
 * `|`; a product whose lines name different categories is in each). Empty when no line has one.
 */
export function productCategories(lines: Iterable<{ code: string; category?: string }>): Map<string, string[]> {
  const sets = new Map<string, Set<string>>()
  for (const l of lines) {
    for (const c of (l.category ?? "").split("|")) {
      const name = c.trim()
      if (!name) continue
      let set = sets.get(l.code)
      if (!set) {
        set = new Set()
        sets.set(l.code, set)
      }
      set.add(name)
    }
  }
  return new Map([...sets].map(([code, set]) => [code, [...set].sort()]))
}

/** The split with each windowed product's `repurchase_window_days` fact set (other facts unchanged). */
export function withRepurchaseWindows(split: PreparedSplit, windows: ReadonlyMap<string, number>): PreparedSplit {
  const facts = new Map(split.facts)
  for (const [id, days] of windows) {
    const f = facts.get(id)
    if (f) {
      facts.set(id, { ...f, repurchase_window_days: days })
    }
  }
  return { ...split, facts }
}

/** Latest purchase on or after the cut per test customer and product. */
export function latestTestPurchases(
  purchases: Iterable<ValidationPurchase>,
  split: PreparedSplit
): Map<string, Map<string, Date>> {
  const customers = new Set(split.test_customers)
  const out = new Map<string, Map<string, Date>>()
  for (const p of purchases) {
    if (p.at < split.cut || !customers.has(p.customer_id)) {
      continue
    }
    let m = out.get(p.customer_id)
    if (!m) {
      m = new Map()
      out.set(p.customer_id, m)
    }
    const prev = m.get(p.product_id)
    if (!prev || p.at > prev) {
      m.set(p.product_id, p.at)
    }
  }
  return out
}

/** Hit rate@k under the re-buy protocol for one model on a split with windows applied. */
export function scoreRebuy(
  split: PreparedSplit,
  model: CandidateModel,
  windows: ReadonlyMap<string, number>,
  tested: Map<string, Map<string, Date>>
): RebuyScore {
  let hits = 0
  let rebuyOnly = 0
  let recommended = 0
  let rebuyItems = 0
  for (const c of split.test_customers) {
    const ids = recommendAt(split, c, model)
    const last = new Map(split.histories.get(c)!.map((h) => [h.product_id, h.last_purchased_at]))
    const after = tested.get(c) ?? new Map<string, Date>()
    let fresh = false
    let rebuy = false
    for (const id of ids) {
      const bought = last.get(id)
      const again = after.get(id)
      if (!bought) {
        fresh ||= !!again
        continue
      }
      rebuyItems++
      const days = windows.get(id)
      if (again && days !== undefined && again.getTime() >= bought.getTime() + days * DAY_MS) {
        rebuy = true
      }
    }
    recommended += ids.length
    hits += fresh || rebuy ? 1 : 0
    rebuyOnly += rebuy && !fresh ? 1 : 0
  }
  const n = split.test_customers.length
  return {
    key: model.key,
    customers: n,
    hit_rate: n ? hits / n : 0,
    rebuy_only_hit_rate: n ? rebuyOnly / n : 0,
    rebuy_items_share: recommended ? rebuyItems / recommended : 0,
  }
}
