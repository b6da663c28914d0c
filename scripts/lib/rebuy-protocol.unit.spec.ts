import {
  BEST_SELLERS_KEY,
  CANDIDATES,
  LIVE_SIZES,
  prepareSplit,
} from "../../src/modules/recommendation/utils/validation"
import { latestTestPurchases, scoreRebuy, withRepurchaseWindows } from "./rebuy-protocol"

const DAY = 86400000
const cut = new Date(Date.UTC(2024, 3, 1))
const at = (days: number) => new Date(cut.getTime() + days * DAY)
const bestSellers = CANDIDATES.find((c) => c.key === BEST_SELLERS_KEY)!

describe("re-buy protocol", () => {
  // "milk" is everyone's best seller; a bought it 40 days before the cut and again after it.
  const purchases = [
    { customer_id: "a", product_id: "milk", at: at(-40) },
    { customer_id: "a", product_id: "milk", at: at(5) },
    { customer_id: "b", product_id: "milk", at: at(-10) },
    { customer_id: "b", product_id: "milk", at: at(3) },
    { customer_id: "c", product_id: "milk", at: at(-50) },
    { customer_id: "c", product_id: "bread", at: at(-50) },
    { customer_id: "c", product_id: "jam", at: at(2) },
  ]
  const split = prepareSplit(purchases, cut, LIVE_SIZES, 10)
  const tested = latestTestPurchases(purchases, split)

  it.each([
    ["no windows: like the strict protocol", new Map<string, number>(), 0, 0],
    // a's window passed (40 >= 30): milk is shown and re-bought; b's has not (10 < 30): not shown
    ["a 30-day window on milk", new Map([["milk", 30]]), 1 / 3, 1 / 3],
  ])("%s", (_name, windows, hitRate, rebuyOnly) => {
    const s = scoreRebuy(withRepurchaseWindows(split, windows), bestSellers, windows, tested)
    expect(s.customers).toEqual(3)
    expect(s.hit_rate).toBeCloseTo(hitRate, 10)
    expect(s.rebuy_only_hit_rate).toBeCloseTo(rebuyOnly, 10)
  })

  it("sets the window fact only on known products and leaves the split's facts unchanged", () => {
    const w = withRepurchaseWindows(
      split,
      new Map([
        ["milk", 30],
        ["unknown", 5],
      ])
    )
    expect(w.facts.get("milk")?.repurchase_window_days).toEqual(30)
    expect(w.facts.has("unknown")).toBe(false)
    expect(split.facts.get("milk")?.repurchase_window_days).toBeUndefined()
  })
})
