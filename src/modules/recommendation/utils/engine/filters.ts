import { FilterName, ProductFacts } from "../types"
import { Working } from "./types"

/** What the hard filters look at for one request. */
export type FilterContext = {
  now: Date
  /** Products the customer bought, with the last purchase date. */
  bought: Map<string, Date>
  cart: Set<string>
  anchors: Set<string>
}

/**
 * The hard filters, in the order they are checked: the first that matches removes the candidate
 * and is counted under its name (like the segment `OPERATORS`, a table of name -> predicate).
 */
export const FILTERS: readonly [
  FilterName,
  (w: Working, facts: ProductFacts | undefined, c: FilterContext) => boolean,
][] = [
  ["anchor", (w, _f, c) => c.anchors.has(w.product_id) && !c.cart.has(w.product_id)],
  ["in_cart", (w, _f, c) => c.cart.has(w.product_id)],
  ["already_bought", (w, f, c) => boughtRecently(c.bought.get(w.product_id), f?.repurchase_window_days, c.now)],
  ["unknown_product", (_w, f) => !f],
  ["unpublished", (_w, f) => !f!.published],
  ["wrong_sales_channel", (_w, f) => !f!.in_sales_channel],
]

/** Bought and not yet due again: never, unless the product has a repurchase window that has passed. */
function boughtRecently(boughtAt: Date | undefined, windowDays: number | null | undefined, now: Date): boolean {
  if (!boughtAt) {
    return false
  }
  const age = (now.getTime() - boughtAt.getTime()) / 86400000
  return windowDays === null || windowDays === undefined || age < windowDays
}

/** The name of the first filter that removes the candidate, or null to keep it. */
export function firstFilter(w: Working, facts: ProductFacts | undefined, context: FilterContext): FilterName | null {
  for (const [name, removes] of FILTERS) {
    if (removes(w, facts, context)) {
      return name
    }
  }
  return null
}
