import { compileRules } from "../compile"
import { normalizeFact, previewResult } from "../preview"
import { RuleNode } from "../rules"

describe("normalizeFact", () => {
  it.each([
    ["number", "12.50", 12.5],
    ["purchase", "2", 2],
    ["date", "2026-01-01 00:00:00+00", "2026-01-01T00:00:00.000Z"],
    ["string", "gmail.com", "gmail.com"],
    ["boolean", true, true],
    ["number", null, null],
    ["date", undefined, null],
  ] as const)("%s %j -> %j", (type, v, expected) => {
    expect(normalizeFact(type, v)).toEqual(expected)
  })
})

describe("previewResult", () => {
  const tree: RuleNode = {
    type: "all",
    conditions: [
      { type: "condition", attribute: "order_count", operator: "gte", value: 3 },
      { type: "condition", attribute: "email_domain", operator: "eq", value: "shop.test" },
    ],
  }
  const compiled = compileRules(tree, { now: new Date("2026-01-01T00:00:00Z"), currency: "gbp" })

  it("reads counts as numbers, names each top-level exclusion and explains each sample from its facts", () => {
    const result = previewResult(tree, compiled, { total: 8, matched: 1, excluded: [5, 2] }, [
      { id: "cus_1", email: "a@shop.test", f0: "4", f1: "shop.test" },
    ])
    expect(result.count).toBe(1)
    expect(result.total_customers).toBe(8)
    expect(result.excluded_by).toEqual([
      { path: "rules.conditions[0]", excludes: 5 },
      { path: "rules.conditions[1]", excludes: 2 },
    ])
    expect(result.samples).toHaveLength(1)
    const [sample] = result.samples
    expect(sample.customer_id).toBe("cus_1")
    expect(sample.facts).toEqual([
      { path: "rules.conditions[0]", attribute: "order_count", value: 4 },
      { path: "rules.conditions[1]", attribute: "email_domain", value: "shop.test" },
    ])
    expect(sample.explanation.result).toBe(true)
  })

  it("a sample without an email gets null", () => {
    const result = previewResult(tree, compiled, { total: 1, matched: 1, excluded: [0, 0] }, [{ id: "cus_2", f0: 3 }])
    expect(result.samples[0].email).toBeNull()
  })
})
