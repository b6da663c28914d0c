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

/** How much data the purchases hold (before any split). */
export function dataVolume(
  purchases: readonly ValidationPurchase[]
): Pick<Sufficiency, "orders" | "customers" | "products"> {
  const orders = new Set<string>()
  const customers = new Set<string>()
  const products = new Set<string>()
  for (const p of purchases) {
    orders.add(`${p.customer_id}|${p.at.getTime()}`)
    customers.add(p.customer_id)
    products.add(p.product_id)
  }
  return { orders: orders.size, customers: customers.size, products: products.size }
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
  const {
    chosen,
    candidates: scores,
    reason,
  } = chooseModel(
    candidates.map((c) => evaluateCandidate(prepared, c)),
    split.weeks
  )
  return {
    chosen: chosen.key,
    params: chosen.scoring,
    candidates: scores,
    sufficiency: {
      ...volume,
      validation_weeks: split.weeks,
      cut: split.cut.toISOString(),
      test_customers: prepared.test_customers.length,
      sufficient: true,
    },
    reason,
  }
}
