import { daysBetween, selectBuyAgain } from "../buy-again"
import { EngineRule, ProductFacts } from "../types"

const NOW = new Date("2026-12-01T12:00:00Z")
const ago = (days: number) => new Date(NOW.getTime() - days * 86400000)
const fact = (window: number | null, over: Partial<ProductFacts> = {}): ProductFacts => ({
  published: true,
  in_sales_channel: true,
  repurchase_window_days: window,
  ...over,
})

describe("selectBuyAgain", () => {
  const cases: {
    name: string
    history: [string, number][]
    facts: [string, ProductFacts][]
    cart?: string[]
    limit?: number
    expected: string[]
    filters?: Record<string, number>
  }[] = [
    {
      name: "due products only, most overdue relative to the window first",
      history: [
        ["coffee", 41],
        ["filter", 20],
        ["soap", 90],
        ["lamp", 400],
      ],
      facts: [
        ["coffee", fact(30)],
        ["filter", fact(30)],
        ["soap", fact(45)],
        ["lamp", fact(null)],
      ],
      // soap 90/45 = 2, coffee 41/30 = 1.37; filter not due; lamp has no window
      expected: ["soap", "coffee"],
    },
    {
      name: "exactly at the window is due; ties by product id",
      history: [
        ["b", 30],
        ["a", 60],
        ["c", 29],
      ],
      facts: [
        ["a", fact(60)],
        ["b", fact(30)],
        ["c", fact(30)],
      ],
      expected: ["a", "b"],
    },
    {
      name: "hard filters: unknown, unpublished, other channel, in the cart (counted)",
      history: [
        ["gone", 50],
        ["draft", 50],
        ["offshore", 50],
        ["carted", 50],
        ["ok", 50],
        ["notdue", 1],
      ],
      facts: [
        ["draft", fact(10, { published: false })],
        ["offshore", fact(10, { in_sales_channel: false })],
        ["carted", fact(10)],
        ["ok", fact(10)],
        ["notdue", fact(10, { published: false })],
      ],
      cart: ["carted"],
      expected: ["ok"],
      filters: { unknown_product: 1, unpublished: 1, wrong_sales_channel: 1, in_cart: 1 },
    },
    {
      name: "a window of 0 is due at once and ranks as 1 day",
      history: [
        ["zero", 3],
        ["ten", 20],
      ],
      facts: [
        ["zero", fact(0)],
        ["ten", fact(10)],
      ],
      expected: ["zero", "ten"],
    },
    {
      name: "limit",
      history: [
        ["a", 100],
        ["b", 50],
      ],
      facts: [
        ["a", fact(10)],
        ["b", fact(10)],
      ],
      limit: 1,
      expected: ["a"],
    },
    { name: "no history", history: [], facts: [], expected: [] },
  ]

  it.each(cases)("$name", ({ history, facts, cart, limit, expected, filters }) => {
    const out = selectBuyAgain({
      history: history.map(([product_id, days]) => ({ product_id, last_purchased_at: ago(days) })),
      facts: new Map(facts),
      cart_product_ids: cart ?? [],
      now: NOW,
      limit: limit ?? 10,
    })
    expect(out.items.map((i) => i.product_id)).toEqual(expected)
    expect(out.filters).toEqual(filters ?? {})
  })

  it("explains each item and traces it as buy_again", () => {
    const out = selectBuyAgain({
      history: [{ product_id: "coffee", last_purchased_at: ago(41) }],
      facts: new Map([["coffee", fact(30)]]),
      cart_product_ids: [],
      now: NOW,
      limit: 10,
    })
    expect(out.items[0]).toMatchObject({
      product_id: "coffee",
      score: 1.367,
      reasons: [{ type: "buy_again", message: "You usually re-buy this every 30 days; last bought 41 days ago" }],
      trace: { source: "buy_again", fallback: false, rule_id: null },
    })
  })

  it("says when the window is its category's", () => {
    const out = selectBuyAgain({
      history: [{ product_id: "decaf", last_purchased_at: ago(15) }],
      facts: new Map([["decaf", fact(14, { repurchase_window_from: "category" })]]),
      cart_product_ids: [],
      now: NOW,
      limit: 10,
    })
    expect(out.items[0].reasons[0].message).toBe(
      "Products like this are usually re-bought every 14 days; last bought 15 days ago"
    )
  })

  describe("rules apply as on the other placements", () => {
    const rule = (id: string, action: EngineRule["action"], over: Partial<EngineRule> = {}): EngineRule => ({
      id,
      version: 1,
      action,
      target_type: "product",
      target_id: "coffee",
      weight: 1,
      segment_id: null,
      objective_id: null,
      ...over,
    })
    // soap 90/45 = 2, coffee 41/30 = 1.37, tea 35/30 = 1.17
    const run = (rules: EngineRule[]) =>
      selectBuyAgain({
        history: [
          { product_id: "coffee", last_purchased_at: ago(41) },
          { product_id: "soap", last_purchased_at: ago(90) },
          { product_id: "tea", last_purchased_at: ago(35) },
        ],
        facts: new Map([
          ["coffee", fact(30)],
          ["soap", fact(45, { category_ids: ["pcat_home"] })],
          ["tea", fact(30)],
        ]),
        cart_product_ids: [],
        now: NOW,
        limit: 10,
        rules,
      })
    it.each([
      ["no rules: most overdue first", [], ["soap", "coffee", "tea"], {}],
      ["boost x2: coffee 2.73 above soap 2", [rule("r1", "boost")], ["coffee", "soap", "tea"], {}],
      [
        "bury a category: soap 2 / 3 last",
        [rule("r1", "bury", { target_type: "category", target_id: "pcat_home", weight: 2 })],
        ["coffee", "tea", "soap"],
        {},
      ],
      ["pin: first", [rule("r1", "pin", { target_id: "tea" })], ["tea", "soap", "coffee"], {}],
      ["exclude: removed and counted", [rule("r1", "exclude")], ["soap", "tea"], { rule_exclude: 1 }],
      [
        "a pin never adds a product that is not a due re-buy",
        [rule("r1", "pin", { target_id: "lamp" })],
        ["soap", "coffee", "tea"],
        {},
      ],
    ])("%s", (_name, rules, expected, filters) => {
      const out = run(rules as EngineRule[])
      expect(out.items.map((i) => i.product_id)).toEqual(expected)
      expect(out.filters).toEqual(filters)
    })

    it("traces the rule on the item and lists it as applied (exclusions separately)", () => {
      const boosted = run([rule("r1", "boost")])
      expect(boosted.items[0]).toMatchObject({ product_id: "coffee", trace: { source: "buy_again", rule_id: "r1" } })
      expect(boosted.items[0].reasons.map((r) => r.type)).toEqual(["buy_again", "rule"])
      expect(boosted.rules_applied).toEqual([{ id: "r1", version: 1, action: "boost" }])
      const excluded = run([rule("r2", "exclude")])
      expect(excluded.rules_applied).toEqual([])
      expect(excluded.exclude_rule_ids).toEqual(["r2"])
    })
  })

  it("counts whole days", () => {
    expect(daysBetween(ago(1.9), NOW)).toBe(1)
    expect(daysBetween(NOW, ago(3))).toBe(0)
  })
})
