import { compileRules } from "../compile"
import { countedOrder } from "../../../../utils/counted-order"
import { pgTextArray } from "../../../../utils/sql"
import { explainRules } from "../explain"
import { membersQuery, previewCountsQuery, previewQuery, sampleQuery, toKnexBindings } from "../queries"
import { membershipSql } from "../membership"
import { RuleNode } from "../rules"
import { rfmGroup } from "../attributes"

const now = new Date("2026-01-01T00:00:00Z")
const aov: RuleNode = {
  type: "all",
  conditions: [
    { type: "condition", attribute: "order_count", operator: "gte", value: 3, window_days: 90 },
    { type: "condition", attribute: "average_order_value", operator: "gt", value: 150 },
    { type: "condition", attribute: "email_domain", operator: "ne", value: "O'Brien.com; drop table customer" },
  ],
}

describe("compileRules", () => {
  it("never pastes a value into SQL", () => {
    const c = compileRules(aov, { now, currency: "GBP" })
    const q = membersQuery(c)
    expect(q.sql).not.toContain("O'Brien")
    expect(q.sql).not.toContain("150")
    expect(q.sql).not.toContain("gbp")
    expect(q.params).toContain("gbp")
    expect(q.params).toContain("150")
    expect(q.params).toContain("o'brien.com; drop table customer")
    // the 90-day window is bound as an instant
    expect(q.params).toContain(new Date(now.getTime() - 90 * 86400000).toISOString())
  })

  it("numbers leaves and top-level conditions by path", () => {
    const c = compileRules(aov, { now, currency: "gbp" })
    expect(c.leaves.map((l) => [l.path, l.column])).toEqual([
      ["rules.conditions[0]", "f0"],
      ["rules.conditions[1]", "f1"],
      ["rules.conditions[2]", "f2"],
    ])
    expect(c.topLevel.map((t) => t.path)).toEqual(c.leaves.map((l) => l.path))
    expect(previewCountsQuery(c).sql).toContain("as x2")
  })

  it("compiles empty all to true and empty any to false", () => {
    expect(compileRules({ type: "all", conditions: [] }, { now, currency: "gbp" }).predicate).toBe("true")
    expect(compileRules({ type: "any", conditions: [] }, { now, currency: "gbp" }).predicate).toBe("false")
  })

  it("only reads orders when the rules need them", () => {
    const c = compileRules(
      { type: "condition", attribute: "has_account", operator: "eq", value: true },
      { now, currency: "gbp" }
    )
    expect(c.with).not.toContain('"order"')
    const o = compileRules(aov, { now, currency: "gbp" })
    expect(o.with).toContain('"order"')
    expect(o.with).toContain(countedOrder("o"))
  })

  it.each([
    ["order facts only", aov, false],
    [
      "purchases need the order lines",
      { type: "condition", attribute: "products_purchased", operator: "any", value: ["prod_1"] } as RuleNode,
      true,
    ],
  ])("with readModel, %s read segment_order_fact", (_name, tree, lines) => {
    const c = compileRules(tree, {
      now,
      currency: "gbp",
      readModel: true,
      includeGuestOrders: true,
      customerIds: ["cus_1"],
    })
    expect(c.readsOrderFacts).toBe(true)
    expect(c.with).toContain("from segment_order_fact f")
    expect(c.with).toContain("f.canceled = false")
    expect(c.with).not.toContain('from "order" o')
    expect(c.with.includes("join order_item")).toBe(lines)
    expect(c.params).not.toContain("prod_1'")
    expect(compileRules(tree, { now, currency: "gbp" }).readsOrderFacts).toBe(false)
  })

  it("rewrites $n to knex bindings, repeating reused values", () => {
    const q = toKnexBindings({ sql: "select $1::int + $2::int + $1::int", params: [1, 2] })
    expect(q).toEqual({ sql: "select ?::int + ?::int + ?::int", params: [1, 2, 1] })
  })

  it("binds the sample limit", () => {
    const c = compileRules(aov, { now, currency: "gbp" })
    const q = sampleQuery(c, 20)
    expect(q.params[q.params.length - 1]).toBe(20)
  })
})

describe("explainRules", () => {
  it("explains each node with its fact", () => {
    const facts: Record<string, unknown> = {
      "rules.conditions[0]": 4,
      "rules.conditions[1]": 120,
      "rules.conditions[2]": "example.com",
    }
    const e = explainRules(aov, (p) => facts[p])
    expect(e.result).toBe(false)
    expect(e.children!.map((c) => [c.fact, c.result])).toEqual([
      [4, true],
      [120, false],
      ["example.com", true],
    ])
  })

  it.each([
    [{ type: "all", conditions: [] } as RuleNode, true],
    [{ type: "any", conditions: [] } as RuleNode, false],
    [{ type: "not", condition: { type: "any", conditions: [] } } as RuleNode, true],
  ])("%j -> %s", (tree, expected) => {
    expect(explainRules(tree, () => null).result).toBe(expected)
  })
})

describe("rfmGroup", () => {
  it.each([
    [5, 5, "champions"],
    [4, 4, "loyal"],
    [3, 5, "loyal"],
    [5, 1, "new_customers"],
    [4, 1, "promising"],
    [4, 2, "potential_loyalists"],
    [3, 3, "need_attention"],
    [3, 1, "about_to_sleep"],
    [2, 4, "at_risk"],
    [1, 5, "cant_lose"],
    [1, 1, "hibernating"],
  ])("R%s F%s -> %s", (r, f, g) => {
    expect(rfmGroup(r, f)).toBe(g)
  })
})

describe("previewQuery and membershipSql", () => {
  const placeholders = (sql: string) => new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))

  it("reference every bound parameter and paste no value", () => {
    const c = compileRules(aov, { now, currency: "gbp" })
    const p = previewQuery(c, 20)
    expect(placeholders(p.sql)).toEqual(new Set(p.params.map((_, i) => i + 1)))
    expect(p.sql).toContain("as materialized")
    expect(p.sql).toContain(
      "'excluded', array[count(*) filter (where not m.t0), count(*) filter (where not m.t1), count(*) filter (where not m.t2)]::int[]"
    )
    const m = membershipSql(membersQuery(c), {
      segmentId: "seg_1'; drop table segment; --",
      at: now,
      excludeSegmentIds: ["seg_hi"],
      customerIds: ["cus_1"],
    })
    expect(m.sql).not.toContain("drop table")
    expect(placeholders(m.sql)).toEqual(new Set(m.params.map((_, i) => i + 1)))
    expect(m.params).toContain(pgTextArray(["seg_hi"]))
  })

  it("binds now and currency only when the rules need them", () => {
    const c = compileRules(
      { type: "condition", attribute: "has_account", operator: "eq", value: true },
      { now, currency: "gbp" }
    )
    expect(c.params).toEqual(["true"].map(() => true))
  })
})
