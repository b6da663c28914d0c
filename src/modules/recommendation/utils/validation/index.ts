import { CANDIDATES, BEST_SELLERS_KEY } from "./candidates"
import { chooseModel } from "./choose"
import {
  evaluateCandidate,
  LIVE_SIZES,
  MAX_VALIDATION_CUSTOMERS,
  neighborsRead,
  prepareSplit,
  VALIDATION_K,
} from "./evaluate"
import { chooseSplit, SPLIT_THRESHOLDS } from "./split"
import { CandidateModel, EngineSizes, Sufficiency, ValidationOutcome, ValidationPurchase } from "./types"

export * from "./types"
export * from "./candidates"
export * from "./choose"
export * from "./evaluate"
export * from "./split"
export * from "./paired"

export type ValidateStoreOptions = {
  sizes?: EngineSizes
  candidates?: readonly CandidateModel[]
  thresholds?: { enough: number; minimum: number }
  /** Test customers scored at most (MAX_VALIDATION_CUSTOMERS). */
  max_customers?: number
}

/** How much data the purchases hold (before any split), and how many customers came back. */
export function dataVolume(
  purchases: readonly ValidationPurchase[]
): Pick<Sufficiency, "orders" | "customers" | "products" | "repeat_customers"> {
  const orders = new Set<string>()
  // customer -> the time of their first order, or NaN once they have a second
  const firstOrder = new Map<string, number>()
  const products = new Set<string>()
  for (const p of purchases) {
    const t = p.at.getTime()
    orders.add(`${p.customer_id}|${t}`)
    const seen = firstOrder.get(p.customer_id)
    if (seen === undefined) {
      firstOrder.set(p.customer_id, t)
    } else if (seen !== t) {
      firstOrder.set(p.customer_id, NaN)
    }
    products.add(p.product_id)
  }
  let repeat = 0
  for (const t of firstOrder.values()) {
    if (Number.isNaN(t)) repeat++
  }
  return { orders: orders.size, customers: firstOrder.size, products: products.size, repeat_customers: repeat }
}

/**
 * Validates the candidates on the store's own purchases (counted order lines) and chooses the
 * model to serve: a temporal split (`chooseSplit`), training counts built as the store builds
 * them, every candidate ranked through the engine with the live sizes and scored with hit
 * rate@10 / NDCG@10 per customer, then `chooseModel` on paired differences. Too little data: best sellers, the documented default.
 * Pure.
 */
export function validateStore(
  purchases: readonly ValidationPurchase[],
  options: ValidateStoreOptions = {}
): ValidationOutcome {
  const candidates = options.candidates ?? CANDIDATES
  const thresholds = options.thresholds ?? SPLIT_THRESHOLDS
  const volume = dataVolume(purchases)
  const split = chooseSplit(purchases, thresholds)
  if (!split) {
    return {
      chosen: BEST_SELLERS_KEY,
      params: null,
      candidates: [],
      sufficiency: { ...volume, validation_weeks: null, cut: null, test_customers: 0, sufficient: false },
      reason:
        `Too little data to validate: fewer than ${thresholds.minimum} customers bought both before and ` +
        `during any of the last 2 to 26 weeks. The default, best sellers, is served.`,
    }
  }
  const sizes = options.sizes ?? LIVE_SIZES
  const prepared = prepareSplit(
    purchases,
    split.cut,
    sizes,
    VALIDATION_K,
    options.max_customers ?? MAX_VALIDATION_CUSTOMERS,
    neighborsRead(candidates, sizes)
  )
  const outcomes = candidates.map((c) => evaluateCandidate(prepared, c))
  const { chosen, candidates: scores, reason } = chooseModel(outcomes, split.weeks)
  return {
    chosen: chosen.key,
    params: chosen.scoring,
    candidates: scores,
    sufficiency: {
      ...volume,
      training_products: prepared.counts.items.size,
      paired_products: [...prepared.neighbors.values()].filter((list) => list.length > 0).length,
      validation_weeks: split.weeks,
      cut: split.cut.toISOString(),
      test_customers: prepared.test_customers.length,
      sufficient: true,
    },
    reason,
    previous_rule_chosen: chooseModel(outcomes, split.weeks, { keep_default: true }).chosen.key,
  }
}
