import { compileRules } from "../compile"
import { exportFactHeaders, exportFactValue } from "../export"
import { factsQuery } from "../queries"
import { RuleNode } from "../rules"

const compile = (tree: RuleNode) =>
  compileRules(tree, { now: new Date("2026-01-01T00:00:00Z"), currency: "gbp", customerIds: ["cus_1"] })

describe("exportFactHeaders", () => {
  it("heads each condition in words, in the compiler's order, with money's currency, window and key", () => {
    const tree: RuleNode = {
      type: "all",
      conditions: [
        { type: "condition", attribute: "order_count", operator: "gte", value: 3, window_days: 90 },
        {
          type: "any",
          conditions: [
            { type: "condition", attribute: "average_order_value", operator: "gt", value: 150 },
            {
              type: "not",
              condition: { type: "condition", attribute: "metadata", key: "tier", operator: "eq", value: "x" },
            },
          ],
        },
        { type: "condition", attribute: "order_count", operator: "lte", value: 10, window_days: 90 },
        { type: "condition", attribute: "order_count", operator: "lte", value: 10, window_days: 90 },
      ],
    }
    expect(exportFactHeaders(compile(tree).leaves, "gbp")).toEqual([
      "Order count (last 90 days)",
      "Average order value (GBP)",
      "Customer metadata [tier]",
      "Order count (last 90 days) #2",
      "Order count (last 90 days) #3",
    ])
  })

  it("has no fact column for a tree without conditions", () => {
    expect(exportFactHeaders(compile({ type: "all", conditions: [] }).leaves, "eur")).toEqual([])
  })
})

describe("exportFactValue", () => {
  it.each([
    ["number", "180.000000", 180],
    ["number", "123.456789", 123.46],
    ["number", 0, 0],
    ["purchase", "2", 2],
    ["date", "2026-01-01 10:00:00+00", "2026-01-01T10:00:00.000Z"],
    ["string", "gmail.com", "gmail.com"],
    ["string_set", ["vip", "wholesale"], "vip; wholesale"],
    ["string_set", [], ""],
    ["boolean", false, false],
    ["number", null, null],
    ["date", undefined, null],
  ] as const)("%s %j -> %j", (type, raw, expected) => {
    expect(exportFactValue({ type }, raw)).toEqual(expected)
  })
})

describe("factsQuery", () => {
  it("selects every condition's fact for the compiled customers, matching or not", () => {
    const c = compile({
      type: "all",
      conditions: [
        { type: "condition", attribute: "order_count", operator: "gte", value: 3 },
        { type: "condition", attribute: "email_domain", operator: "eq", value: "shop.test" },
      ],
    })
    const q = factsQuery(c)
    expect(q.sql.endsWith("select facts.id, facts.f0, facts.f1 from facts")).toBe(true)
    expect(q.sql).not.toContain(c.predicate)
    expect(q.params).toBe(c.params)
  })
})
