import { ValidationPurchase } from "./types"

const WEEK_MS = 7 * 86400000

/** Validation periods tried, in weeks, shortest first. */
export const VALIDATION_WEEKS = [2, 4, 8, 13, 26] as const

/**
 * Test customers wanted in a validation period: the shortest period with `enough` is used (recent
 * behaviour); otherwise the longest with at least `minimum`; below that the store is too small to
 * validate and gets the documented default (best sellers). `enough` is 1,000 because candidates
 * differ by a point or two: on UCI Online Retail (history to 2011-08-31) two weeks (408 customers)
 * picked a model 2.7 points below the best on the next three months, eight weeks (1,000) one
 * within 1 point (docs/recommendations.md, "Per-store validation").
 */
export const SPLIT_THRESHOLDS = { enough: 1000, minimum: 30 }

export type Split = {
  weeks: number
  cut: Date
  /** Customers with a purchase before the cut and one on or after it. */
  test_customers: number
}

/** Customers who bought both before `cut` and on or after it. */
export function testCustomerCount(purchases: readonly ValidationPurchase[], cut: Date): number {
  const before = new Set<string>()
  const after = new Set<string>()
  const t = cut.getTime()
  for (const p of purchases) {
    ;(p.at.getTime() < t ? before : after).add(p.customer_id)
  }
  let n = 0
  for (const c of after) {
    if (before.has(c)) {
      n++
    }
  }
  return n
}

/**
 * Chooses the temporal split: train before the last N weeks of the history (ending at its latest
 * purchase), validate on them. N is the smallest of `VALIDATION_WEEKS` whose period has
 * `thresholds.enough` test customers, else the largest with `thresholds.minimum`; null when none has.
 */
export function chooseSplit(
  purchases: readonly ValidationPurchase[],
  thresholds: { enough: number; minimum: number } = SPLIT_THRESHOLDS
): Split | null {
  let end = -Infinity
  for (const p of purchases) {
    end = Math.max(end, p.at.getTime())
  }
  if (!Number.isFinite(end)) {
    return null
  }
  const tried = VALIDATION_WEEKS.map((weeks) => {
    const cut = new Date(end - weeks * WEEK_MS)
    return { weeks, cut, test_customers: testCustomerCount(purchases, cut) }
  })
  return (
    tried.find((s) => s.test_customers >= thresholds.enough) ??
    [...tried].reverse().find((s) => s.test_customers >= thresholds.minimum) ??
    null
  )
}
