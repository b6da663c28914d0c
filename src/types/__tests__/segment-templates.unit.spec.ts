import { ATTRIBUTES, compileRules, findRuleProblems, OPERATORS } from "../../modules/segment/utils"
import { fromRules, operatorLabel, toRules } from "../../admin/routes/personalization/segments/components/rule-state"
import type { AdminSegmentAttribute, AdminSegmentOperator } from "../segments"
import { SEGMENT_TEMPLATES } from "../segment-templates"

// the rule language as GET /admin/segments/attributes serves it to the builder
const attributes = Object.entries(ATTRIBUTES).map(([name, a]) => ({ name, ...a })) as AdminSegmentAttribute[]
const operators = Object.entries(OPERATORS).map(([name, o]) => ({
  name,
  types: o.types,
  shape: o.shape,
  semantics: o.semantics,
})) as AdminSegmentOperator[]

describe("SEGMENT_TEMPLATES", () => {
  it("has unique ids and names", () => {
    expect(new Set(SEGMENT_TEMPLATES.map((t) => t.id)).size).toBe(SEGMENT_TEMPLATES.length)
    expect(new Set(SEGMENT_TEMPLATES.map((t) => t.name)).size).toBe(SEGMENT_TEMPLATES.length)
  })

  it("covers the seed's example, RFM groups, lapsed and first-time buyers", () => {
    expect(SEGMENT_TEMPLATES.map((t) => t.id)).toEqual(
      expect.arrayContaining(["frequent-high-spenders", "champions", "at-risk", "lapsed-buyers", "first-time-buyers"])
    )
  })

  describe.each(SEGMENT_TEMPLATES.map((t) => [t.id, t] as const))("%s", (_, template) => {
    it("passes the segment rule validator and compiles", () => {
      expect(findRuleProblems(template.rules).problems).toEqual([])
      const compiled = compileRules(template.rules, { now: new Date("2026-01-01T00:00:00Z"), currency: "eur" })
      expect(compiled.leaves.length).toBeGreaterThan(0)
    })

    it("loads into the rule builder and comes back unchanged", () => {
      const state = fromRules(template.rules)
      expect(state).not.toBeNull()
      expect(toRules(state!, attributes, operators)).toEqual(template.rules)
    })
  })
})

describe("operatorLabel", () => {
  it.each([
    ["gte", "number", "is at least"],
    ["gt", "number", "is more than"],
    ["lte", "number", "is at most"],
    ["lt", "number", "is less than"],
    ["gte", "date", "is on or after"],
    ["lt", "date", "is before"],
    ["eq", "string", "is"],
    ["in", "string", "is one of"],
    ["in", "string_set", "includes any of"],
    ["contains", "string_set", "includes"],
    ["is_set", "number", "is known"],
    ["none", "purchase", "bought none of"],
    ["someday_operator", "number", "someday_operator"],
  ] as const)("%s on %s reads %j", (name, type, label) => {
    expect(operatorLabel(name, type)).toBe(label)
  })

  it("names every operator in words for every type it applies to", () => {
    for (const [name, op] of Object.entries(OPERATORS)) {
      for (const type of op.types) {
        const label = operatorLabel(name, type)
        // words, never the stored name ("is at least", not "gte")
        expect(label).toMatch(/^(is|includes|contains|bought)( [a-z]+)*$/)
      }
    }
  })
})
