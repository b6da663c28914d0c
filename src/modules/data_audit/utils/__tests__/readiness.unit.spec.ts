import {
  classifyFact,
  countMissingAny,
  extractFacts,
  GapCombination,
  metricBlockers,
  MetricEvidence,
} from "../readiness"

describe("classifyFact", () => {
  it.each([
    ["email", "missing_email"],
    ["customer.email", "missing_email"],
    ["first_name", "missing_name"],
    ["phone", "missing_phone"],
    ["country_code", "missing_address"],
    ["average_order_value", "no_orders"],
    ["days_since_last_order", "no_orders"],
    ["purchased_category", "no_orders"],
    ["order_count", null],
    ["total_spent", null],
    ["has_account", null],
    ["rfm_group", "no_orders"],
    ["email_domain", "missing_email"],
    ["address_country", "missing_address"],
    ["customer_group", null],
  ])("%s -> %p", (fact, gap) => {
    const c = classifyFact(fact)
    expect(c.gap).toBe(gap)
    expect(c.known).toBe(true)
  })

  it("flags unknown facts", () => {
    expect(classifyFact("shoe_size")).toEqual({ fact: "shoe_size", gap: null, known: false })
  })
})

describe("extractFacts", () => {
  it.each([
    [null, []],
    [{ type: "all", conditions: [] }, []],
    [
      {
        type: "all",
        conditions: [
          { type: "condition", fact: "order_count", operator: "gte", value: 2 },
          { type: "any", conditions: [{ type: "condition", fact: "country_code", operator: "eq", value: "GB" }] },
          { type: "not", condition: { type: "condition", attribute: "email", operator: "exists" } },
          { type: "condition", fact: "order_count", operator: "lt", value: 9 },
        ],
      },
      ["country_code", "email", "order_count"],
    ],
  ])("%j", (rules, facts) => {
    expect(extractFacts(rules)).toEqual(facts)
  })
})

describe("countMissingAny", () => {
  const row = (g: Partial<GapCombination>, count: number): GapCombination => ({
    missing_email: false,
    missing_name: false,
    missing_phone: false,
    missing_address: false,
    no_orders: false,
    ...g,
    count,
  })
  const histogram = [
    row({}, 10),
    row({ missing_email: true }, 3),
    row({ no_orders: true }, 4),
    row({ missing_email: true, no_orders: true }, 2),
  ]
  it.each([
    [[], 0],
    [["missing_email"], 5],
    [["no_orders"], 6],
    [["missing_email", "no_orders"], 9],
    [["missing_phone"], 0],
  ] as const)("%j -> %p", (gaps, n) => {
    expect(countMissingAny(histogram, [...gaps])).toBe(n)
  })
})

describe("metricBlockers", () => {
  const e: MetricEvidence = { orders: 10, non_canceled_orders: 9, identified_orders: 0, carts: 0, history_days: 90 }
  it.each([
    ["average_order_value", 0],
    ["conversion_rate", 1],
    ["repeat_purchase_rate", 1],
    ["customer_lifetime_value", 2],
    ["made_up", 1],
  ])("%s has %p blockers", (metric, n) => {
    expect(metricBlockers(metric, e)).toHaveLength(n)
  })
})
