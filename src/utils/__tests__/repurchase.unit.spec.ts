import fc from "fast-check"
import {
  detectCategoryRepurchaseCycles,
  detectRepurchaseCycles,
  effectiveWindow,
  metadataWindow,
  productWindow,
  median,
  proposedWindows,
  proposeRepurchaseWindow,
  REPURCHASE_THRESHOLDS,
  RepurchasePurchase,
} from "../repurchase"

const DAY = 86400000
const T0 = Date.UTC(2024, 0, 1)
const at = (day: number, hour = 10) => new Date(T0 + day * DAY + hour * 3600000)
const buy = (customer_id: string, product_id: string, day: number, hour?: number): RepurchasePurchase => ({
  customer_id,
  product_id,
  at: at(day, hour),
})

/** n customers each buying `product` on the given days. */
const cohort = (product: string, n: number, days: number[], prefix = product) =>
  Array.from({ length: n }, (_, i) => days.map((d) => buy(`${prefix}-c${i}`, product, d))).flat()

describe("median", () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[30, 10, 20, 40], 25],
  ])("median(%j) = %j", (values, want) => {
    expect(median(values)).toEqual(want)
  })
})

describe("proposeRepurchaseWindow", () => {
  const ok = { buyers: 30, rebuyers: 6, intervals: 10, median_interval_days: 29.5 }
  it.each([
    ["at every threshold: median rounded", ok, 30],
    ["too few buyers", { ...ok, buyers: 29, rebuyers: 6 }, null],
    ["re-buy share under 20%", { ...ok, buyers: 31 }, null],
    ["too few intervals", { ...ok, intervals: 9 }, null],
    ["no intervals", { ...ok, median_interval_days: null }, null],
    ["a median under a day still proposes one day", { ...ok, median_interval_days: 0.4 }, 1],
  ])("%s", (_name, aggregate, want) => {
    expect(proposeRepurchaseWindow(aggregate)).toEqual(want)
  })

  it("takes other thresholds", () => {
    expect(proposeRepurchaseWindow(ok, { ...REPURCHASE_THRESHOLDS, min_buyers: 31 })).toBeNull()
  })
})

describe("detectRepurchaseCycles", () => {
  const cases: [string, RepurchasePurchase[], Record<string, unknown>[]][] = [
    ["no purchases", [], []],
    [
      "several lines of one product on one day count once",
      [buy("a", "p", 0, 9), buy("a", "p", 0, 9), buy("a", "p", 0, 18)],
      [{ product_id: "p", buyers: 1, rebuyers: 0, intervals: 0, median_interval_days: null, rebuy_share: 0 }],
    ],
    [
      "intervals between consecutive distinct days, in any input order",
      [buy("a", "p", 40), buy("a", "p", 0), buy("a", "p", 10), buy("b", "p", 5)],
      [{ product_id: "p", buyers: 2, rebuyers: 1, intervals: 2, median_interval_days: 20, rebuy_share: 0.5 }],
    ],
  ]
  it.each(cases)("%s", (_name, purchases, want) => {
    expect(detectRepurchaseCycles(purchases)).toEqual(
      want.map((w) => expect.objectContaining({ ...w, repurchase_window_days: null }))
    )
  })

  it("proposes a window for a product re-bought on a cycle, and none for one-off or rarely re-bought products", () => {
    const purchases = [
      // 30 buyers; 10 re-buy every ~30 days (days 0, 30, 61): 20 intervals, median 30.5 -> 31 (rounded half up)
      ...cohort("coffee", 10, [0, 30, 61]),
      ...cohort("coffee", 20, [3], "coffee-once"),
      // 40 buyers, each once
      ...cohort("vase", 40, [7]),
      // 40 buyers, 7 re-buy (17.5%)
      ...cohort("soap", 7, [0, 14, 28]),
      ...cohort("soap", 33, [2], "soap-once"),
      // 29 buyers, all re-buy: too few buyers
      ...cohort("tea", 29, [0, 20]),
    ]
    const stats = detectRepurchaseCycles(purchases)
    expect(stats.map((s) => [s.product_id, s.buyers, s.rebuyers, s.intervals, s.median_interval_days])).toEqual([
      ["tea", 29, 29, 29, 20],
      ["coffee", 30, 10, 20, 30.5],
      ["soap", 40, 7, 14, 14],
      ["vase", 40, 0, 0, null],
    ])
    expect(Object.fromEntries(stats.map((s) => [s.product_id, s.repurchase_window_days]))).toEqual({
      tea: null,
      coffee: 31,
      soap: null,
      vase: null,
    })
    expect(stats.find((s) => s.product_id === "coffee")!.rebuy_share).toBeCloseTo(1 / 3, 10)
    expect([...proposedWindows(stats)]).toEqual([["coffee", 31]])
    // deterministic: the same answer from shuffled input
    expect(detectRepurchaseCycles([...purchases].reverse())).toEqual(stats)
  })

  it("counts days in UTC", () => {
    // 23:30 and 00:30 UTC the next day are two days, one day apart
    const s = detectRepurchaseCycles([
      { customer_id: "a", product_id: "p", at: new Date(T0 + 23.5 * 3600000) },
      { customer_id: "a", product_id: "p", at: new Date(T0 + 24.5 * 3600000) },
    ])
    expect(s[0]).toEqual(expect.objectContaining({ rebuyers: 1, intervals: 1, median_interval_days: 1 }))
  })
})

describe("detectCategoryRepurchaseCycles", () => {
  const categoriesOf = new Map<string, string[]>([
    ["espresso", ["coffee"]],
    ["filter", ["coffee"]],
    ["decaf", ["coffee", "evening"]],
    ["mug", ["kitchen"]],
  ])

  it("pools same-product intervals over a category's products; two products of one category are no re-buy", () => {
    const stats = detectCategoryRepurchaseCycles(
      [
        buy("a", "espresso", 0),
        buy("a", "espresso", 20),
        buy("a", "filter", 5),
        buy("a", "filter", 35), // a: espresso 20, filter 30 -> one re-buyer, two intervals
        buy("b", "espresso", 0),
        buy("b", "filter", 3), // b: two products, each once -> no re-buy
        buy("c", "decaf", 1),
        buy("c", "decaf", 11), // c: 10, in coffee and in evening
        buy("d", "mug", 4),
        buy("d", "unknown", 4), // a product in no category counts nowhere
      ],
      categoriesOf
    )
    expect(stats.map((s) => [s.category_id, s.buyers, s.rebuyers, s.intervals, s.median_interval_days])).toEqual([
      ["coffee", 3, 2, 3, 20],
      ["evening", 1, 1, 1, 10],
      ["kitchen", 1, 0, 0, null],
    ])
  })

  it("proposes a window for a category whose products are each too rarely bought to get one", () => {
    // 40 products of one category, each bought by 1-2 customers: no product reaches 30 buyers
    const categories = new Map(Array.from({ length: 40 }, (_, i) => [`p${i}`, ["tea"]]))
    const purchases = Array.from({ length: 40 }, (_, i) => [
      buy(`c${i}`, `p${i}`, 0),
      ...(i % 2 ? [buy(`c${i}`, `p${i}`, 14)] : []),
    ]).flat()
    expect(proposedWindows(detectRepurchaseCycles(purchases)).size).toBe(0)
    const [tea] = detectCategoryRepurchaseCycles(purchases, categories)
    expect(tea).toEqual({
      category_id: "tea",
      buyers: 40,
      rebuyers: 20,
      intervals: 20,
      median_interval_days: 14,
      rebuy_share: 0.5,
      repurchase_window_days: 14,
    })
  })

  it("a category of one product has that product's figures (any purchases)", () => {
    const purchase = fc.record({
      customer_id: fc.constantFrom("a", "b", "c", "d"),
      day: fc.integer({ min: 0, max: 60 }),
      hour: fc.integer({ min: 0, max: 23 }),
    })
    fc.assert(
      fc.property(fc.array(purchase, { maxLength: 40 }), (rows) => {
        const purchases = rows.map((r) => buy(r.customer_id, "p", r.day, r.hour))
        const perProduct = detectRepurchaseCycles(purchases, { ...REPURCHASE_THRESHOLDS, min_buyers: 1 })
        const perCategory = detectCategoryRepurchaseCycles(purchases, new Map([["p", ["cat"]]]), {
          ...REPURCHASE_THRESHOLDS,
          min_buyers: 1,
        })
        expect(perCategory.map(({ category_id: _c, ...rest }) => rest)).toEqual(
          perProduct.map(({ product_id: _p, ...rest }) => rest)
        )
      })
    )
  })
})

describe("effectiveWindow", () => {
  it.each([
    ["the product's own window wins", 30, [7, 90], 30],
    ["else the largest of its categories'", null, [7, null, 90], 90],
    ["none without any", null, [null], null],
    ["none without categories", null, [], null],
  ])("%s", (_name, own, categories, want) => {
    expect(effectiveWindow(own as number | null, categories as (number | null)[])).toBe(want)
  })
})

describe("productWindow (the store's catalog read and the evaluator's re-buy protocol)", () => {
  it.each([
    ["own metadata wins", "30", ["7", "90"], { days: 30, from: "product" }],
    ["else the largest category window", null, ["7", "", "90", "x"], { days: 90, from: "category" }],
    ["numbers (proposals) as well as metadata strings", null, [7, 14], { days: 14, from: "category" }],
    ["an invalid own value falls back to the categories", "soon", ["7"], { days: 7, from: "category" }],
    ["none", undefined, [], { days: null, from: null }],
    ["a blank own value is no window (not 0 days)", " ", ["7"], { days: 7, from: "category" }],
    ["padded numeric strings count", " 30 ", [], { days: 30, from: "product" }],
    ["booleans, arrays and objects are no window", true, [[5], { days: 5 }, false], { days: null, from: null }],
  ])("%s", (_name, own, categories, want) => {
    expect(productWindow(own, categories)).toEqual(want)
  })

  it("reads any blank or whitespace-only metadata value as no window (generated)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \t\n\r]*$/), (blank) => {
        expect(metadataWindow(blank)).toBeNull()
      })
    )
  })
})
