import {
  BEST_SELLERS_KEY,
  CANDIDATES,
  LIVE_SIZES,
  prepareSplit,
} from "../../src/modules/recommendation/utils/validation"
import { detectedWindows } from "../../src/utils/repurchase"
import { latestTestPurchases, productCategories, scoreRebuy, withRepurchaseWindows } from "./rebuy-protocol"

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

describe("re-buy protocol with category windows (the store's productWindow)", () => {
  // Thresholds small enough for a few customers: 2 buyers, half of them re-buy, 2 intervals.
  const T = { min_buyers: 2, min_rebuy_share: 0.5, min_intervals: 2 }
  const buys = (customer: string, product: string, ...days: number[]) =>
    days.map((d) => ({ customer_id: customer, product_id: product, at: at(d) }))
  const history = [
    ...buys("u1", "c1", -60, -30), // coffee: 30 days
    ...buys("u1", "jam", -60),
    ...buys("u2", "c2", -50, -20), // coffee and beans: 30 days
    ...buys("u5", "b1", -150, -90, -30), // beans: 60, 60
    ...buys("u3", "tea", -20, -13), // tea: 7 days, its own window (2 buyers)
    ...buys("u4", "tea", -30, -23),
    ...buys("u7", "d1", -280, -190, -100, -10), // drinks: 90 days (with tea's 7, 7: median 90)
  ]
  const categoriesOf = new Map([
    ["c1", ["coffee"]],
    ["c2", ["beans", "coffee"]],
    ["b1", ["beans"]],
    ["tea", ["drinks"]],
    ["d1", ["drinks"]],
  ])

  it.each([
    ["c1", "its category's (coffee: 30)", 30],
    ["c2", "the largest of its categories' (coffee 30, beans 60)", 60],
    ["b1", "its category's (beans: 60)", 60],
    ["tea", "its own (7), not its category's (drinks: 90)", 7],
    ["d1", "its category's (drinks: 90)", 90],
    ["jam", "none (no category, bought once)", undefined],
  ])("%s is judged by %s", (product, _why, days) => {
    expect(detectedWindows(history, categoriesOf, T).get(product)).toBe(days)
  })

  it("without categories (UCI Online Retail has none) only products' own windows", () => {
    expect([...detectedWindows(history, new Map(), T)]).toEqual([["tea", 7]])
  })

  it("reads categories from the lines' Category column (several separated by |)", () => {
    expect(
      productCategories([
        { code: "c2", category: "coffee" },
        { code: "c2", category: "beans | coffee" },
        { code: "jam", category: "" },
        { code: "tea" },
      ])
    ).toEqual(new Map([["c2", ["beans", "coffee"]]]))
  })

  it("counts a re-buy after a category's window as a hit", () => {
    // u1 bought c1 30 days before the cut (coffee's window: due) and buys it again after the cut
    const purchases = [...history, ...buys("u1", "c1", 4)]
    const split = prepareSplit(purchases, cut, LIVE_SIZES, 10)
    const tested = latestTestPurchases(purchases, split)
    const score = (windows: Map<string, number>) =>
      scoreRebuy(withRepurchaseWindows(split, windows), bestSellers, windows, tested)
    expect(split.test_customers).toEqual(["u1"])
    expect(score(detectedWindows(history, categoriesOf, T)).hit_rate).toBe(1)
    expect(score(detectedWindows(history, new Map(), T)).hit_rate).toBe(0)
  })
})
