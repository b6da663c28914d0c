import { ruleTreeInWords } from "../words"
import { sortLinks, sourcesForFact } from "../sources"
import { blockedBy, dataGaps, isStale, GapDeclaredSource } from "../data-gaps"
import { attention, buildPlan, PlanContext, traceabilityFlags } from "../plan-document"
import { num, renderPlanMarkdown } from "../plan-markdown"
import { renderPlanHtml } from "../plan-html"

const NOW = new Date("2026-12-01T12:00:00Z")
const cond = (attribute: string, operator: string, value?: unknown, extra: Record<string, unknown> = {}) => ({
  type: "condition",
  attribute,
  operator,
  value,
  ...extra,
})

describe("ruleTreeInWords", () => {
  it.each([
    [null, "no rules"],
    [{ type: "all", conditions: [] }, "every customer"],
    [{ type: "any", conditions: [] }, "no customer"],
    [cond("order_count", "gte", 2), "Order count is at least 2"],
    [cond("order_count", "gte", 3, { window_days: 90 }), "Order count is at least 3 in the last 90 days"],
    [cond("total_spent", "between", [10, 20]), "Total spent is between 10 and 20"],
    [cond("address_country", "in", ["gb", "fr"]), "Address country is one of gb, fr"],
    [cond("email_domain", "is_set"), "Email domain is set"],
    [cond("metadata", "eq", "vip", { key: "tier" }), 'Customer metadata "tier" is vip'],
    [cond("unknown_fact", "weird_op", 1), "unknown_fact weird op 1"],
    [{ type: "not", condition: cond("has_account", "eq", true) }, "not Has account is true"],
    [
      {
        type: "all",
        conditions: [
          cond("order_count", "gt", 1),
          { type: "any", conditions: [cond("order_count", "lt", 9), cond("total_spent", "gt", 5)] },
        ],
      },
      "Order count is more than 1 and (Order count is less than 9 or Total spent is more than 5)",
    ],
  ])("%j -> %s", (tree, words) => {
    expect(ruleTreeInWords(tree)).toBe(words)
  })
})

describe("sourcesForFact (the audit's fact classification)", () => {
  it.each([
    ["order_count", ["orders"]],
    ["total_spent", ["orders"]],
    ["average_order_value", ["orders"]],
    ["days_since_last_order", ["orders"]],
    ["categories_purchased", ["orders", "products", "categories"]],
    ["products_purchased", ["orders", "products"]],
    ["email_domain", ["customers"]],
    ["address_country", ["customers"]],
    ["has_account", ["customers"]],
    ["customer_group", ["customers"]],
  ])("%s reads %p", (fact, sources) => {
    expect(sourcesForFact(fact)).toEqual(sources)
  })
})

const declared = (over: Partial<GapDeclaredSource> = {}): GapDeclaredSource => ({
  id: "dsrc_1",
  name: "POS",
  holds: [{ feeds: "orders", what: "in-store purchases" }],
  reaches_medusa: true,
  sync_interval_hours: 24,
  last_synced_at: "2026-12-01T00:00:00Z",
  ...over,
})

describe("isStale", () => {
  it.each([
    ["synced 12 h ago, 24 h interval", declared(), false],
    ["synced exactly 24 h ago", declared({ last_synced_at: "2026-11-30T12:00:00Z" }), false],
    ["synced 24 h and 1 ms ago", declared({ last_synced_at: new Date(NOW.getTime() - 86400001) }), true],
    ["never synced", declared({ last_synced_at: null }), true],
    ["no interval declared", declared({ sync_interval_hours: null, last_synced_at: null }), false],
    ["does not reach Medusa (a gap of its own)", declared({ reaches_medusa: false, last_synced_at: null }), false],
  ])("%s -> %p", (_, source, stale) => {
    expect(isStale(source, NOW)).toBe(stale)
  })
})

describe("dataGaps and blockedBy", () => {
  const segments = [
    { id: "seg_email", name: "Gmail", rules: cond("email_domain", "eq", "gmail.com") },
    { id: "seg_aov", name: "Big", rules: { type: "all", conditions: [cond("average_order_value", "gt", 100)] } },
  ]
  const objectives = [
    { id: "obj_conv", name: "Convert", metric: "conversion_rate" },
    { id: "obj_aov", name: "AOV", metric: "average_order_value" },
  ]

  it("a source that feeds carts blocks conversion only; customers blocks customer attributes and metrics", () => {
    expect(blockedBy(["carts"], segments, objectives)).toEqual([
      { type: "objective", id: "obj_conv", label: "Convert", needs: ["conversion_rate"] },
    ])
    expect(blockedBy(["customers"], segments, objectives).map((b) => b.id)).toEqual(["seg_email", "obj_conv"])
  })

  it.each([
    [
      "not reaching",
      declared({ reaches_medusa: false }),
      "not_reaching",
      "POS does not reach Medusa: in-store purchases missing from orders",
    ],
    [
      "stale",
      declared({ last_synced_at: null }),
      "stale",
      "POS last synced never, beyond its 24 h interval: in-store purchases missing from orders",
    ],
  ])("%s", (_, source, problem, message) => {
    const [gap] = dataGaps({ declared: [source], detected: [], segments, objectives, now: NOW })
    expect([gap.problem, gap.message, gap.blocks.map((b) => b.id)]).toEqual([
      problem,
      message,
      ["seg_aov", "obj_conv", "obj_aov", "co_purchase", "fallback_store"],
    ])
  })

  it("a fresh source and a detected source with records are no gap; an empty one is", () => {
    const gaps = dataGaps({
      declared: [declared()],
      detected: [
        { id: "medusa:orders", key: "orders", name: "Orders", records: 5 },
        { id: "medusa:carts", key: "carts", name: "Carts", records: 0 },
      ],
      segments,
      objectives,
      now: NOW,
    })
    expect(gaps.map((g) => [g.source_id, g.problem, g.blocks.map((b) => b.id)])).toEqual([
      ["medusa:carts", "empty", ["obj_conv"]],
    ])
  })

  it.each([
    ["an hour ahead (clock skew) is no gap", 60, null],
    ["more than an hour ahead is future-dated", 61, "future_dated"],
    ["in the past is no gap", -600, null],
  ])("a newest order %s", (_, minutes, problem) => {
    const newest = new Date(NOW.getTime() + minutes * 60000).toISOString()
    const gaps = dataGaps({
      declared: [],
      detected: [{ id: "medusa:orders", key: "orders", name: "Orders", records: 5, newest_record_at: newest }],
      segments,
      objectives,
      now: NOW,
    })
    expect(gaps.map((g) => g.problem)).toEqual(problem ? [problem] : [])
    if (problem) {
      expect(gaps[0].message).toBe(
        `Orders: the newest record is dated ${newest}, 1 h after now; "last N days" windows count such records wrong (check the server clock or the import's time zone)`
      )
      expect(gaps[0].blocks.map((b) => b.id)).toEqual([
        "seg_aov",
        "obj_conv",
        "obj_aov",
        "co_purchase",
        "fallback_store",
      ])
    }
  })
})

function context(over: Partial<PlanContext> = {}): PlanContext {
  return {
    now: NOW,
    objectives: [
      {
        id: "obj_1",
        name: "AOV",
        status: "active",
        metric: "average_order_value",
        direction: "increase",
        baseline: 40,
        target: 45,
        deadline: "2027-01-01T00:00:00Z",
        rationale: "Why",
        lift: {
          difference: 2.123456,
          ci_low: -0.5,
          ci_high: 4.75,
          verdict: "no_significant_difference",
          message: "",
          period_end: null,
        },
        segment_ids: ["seg_1"],
      },
    ],
    segments: [
      {
        id: "seg_1",
        name: "Regulars",
        status: "active",
        rules: cond("order_count", "gte", 2),
        member_count: 4,
        created_at: "2026-01-01T00:00:00Z",
        entered_30d: 3,
        exited_30d: 1,
        last_exit_at: "2026-11-20T00:00:00Z",
      },
    ],
    rules: [
      {
        id: "rule_1",
        name: "Boost",
        status: "active",
        action: "boost",
        target_type: "product",
        target_id: "p",
        objective_id: null,
        segment_id: "seg_1",
        impressions: 7,
      },
    ],
    requirements: [
      {
        id: "req_1",
        role: "marketing",
        statement: "S",
        acceptance_criterion: "A",
        priority: "must",
        owner: null,
        objective_id: "obj_1",
        links: [{ target_type: "recommendation_rule", target_id: "rule_1" }],
      },
    ],
    reviews: [],
    decisions: [],
    gaps: [],
    ...over,
  }
}

describe("buildPlan", () => {
  it("puts a rule under the objective of the requirement it satisfies, and explains why", () => {
    const plan = buildPlan(context())
    expect(plan.objectives[0].rules.map((r) => [r.id, r.requirement_ids])).toEqual([["rule_1", ["req_1"]]])
    expect(plan.objectives[0].segments.map((s) => [s.id, s.definition, s.trend])).toEqual([
      ["seg_1", "Order count is at least 2", { entered_30d: 3, exited_30d: 1 }],
    ])
    expect(plan.flags).toEqual([])
    expect(plan.unanchored).toEqual({ requirements: [], rules: [] })
    const md = renderPlanMarkdown(plan)
    expect(md).toContain("- Current lift: +2.1235 (95% interval -0.5 to 4.75), verdict: no significant difference\n")
    expect(md).toContain('- Why: requirement req_1 "S" -> objective "AOV"\n')
    expect(md).toContain("- boost product p for segment seg_1. Status: active. Impressions: 7.\n")
  })
})

describe("a rule that satisfies requirements of two objectives", () => {
  it("says why under each objective with that objective's requirement only", () => {
    const base = context()
    const second = { ...base.objectives[0], id: "obj_2", name: "Repeat", segment_ids: [], lift: null }
    const req2 = { ...base.requirements[0], id: "req_2", statement: "T", objective_id: "obj_2" }
    const md = renderPlanMarkdown(
      buildPlan(context({ objectives: [base.objectives[0], second], requirements: [base.requirements[0], req2] }))
    )
    expect(md).toContain('- Why: requirement req_1 "S" -> objective "AOV"\n')
    expect(md).toContain('- Why: requirement req_2 "T" -> objective "Repeat"\n')
    expect(md).not.toContain('"S" -> requirement req_2')
  })
})

describe("traceabilityFlags", () => {
  const req = context().requirements[0]
  it.each([
    ["all anchored", {}, []],
    [
      "requirement without objective",
      { requirements: [{ ...req, objective_id: null }] },
      ["requirement_without_objective:req_1", "objective_without_requirement:obj_1"],
    ],
    [
      "objective gone",
      { requirements: [{ ...req, objective_id: "obj_gone" }] },
      ["requirement_without_objective:req_1", "objective_without_requirement:obj_1"],
    ],
    [
      "nothing satisfies the requirement",
      { requirements: [{ ...req, links: [] }] },
      ["requirement_not_satisfied:req_1", "rule_without_requirement_or_objective:rule_1"],
    ],
    [
      "an abandoned objective needs no requirement",
      {
        requirements: [],
        objectives: [{ ...context().objectives[0], status: "abandoned" }],
      },
      ["rule_without_requirement_or_objective:rule_1"],
    ],
    [
      "an archived rule is not flagged",
      {
        requirements: [{ ...req, links: [{ target_type: "segment" as const, target_id: "seg_1" }] }],
        rules: [{ ...context().rules[0], status: "archived" }],
      },
      [],
    ],
    [
      "a rule with an objective is anchored",
      {
        requirements: [{ ...req, links: [{ target_type: "segment" as const, target_id: "seg_1" }] }],
        rules: [{ ...context().rules[0], objective_id: "obj_1" }],
      },
      [],
    ],
  ])("%s", (_, over, expected) => {
    expect(traceabilityFlags(context(over)).map((f) => `${f.kind}:${f.entity_id}`)).toEqual(expected)
  })
})

describe("attention (review cadence)", () => {
  const base = context()
  const seg = base.segments[0]
  const obj = base.objectives[0]
  it.each([
    ["nothing due", {}, []],
    [
      "review overdue",
      { reviews: [{ entity_type: "segment", entity_id: "seg_1", review_by: "2026-11-30T00:00:00Z" }] },
      ["review_overdue:seg_1"],
    ],
    [
      "review of a deleted entity is ignored",
      { reviews: [{ entity_type: "segment", entity_id: "seg_gone", review_by: "2026-01-01T00:00:00Z" }] },
      [],
    ],
    [
      "empty for 30 days",
      { segments: [{ ...seg, member_count: 0, last_exit_at: "2026-10-31T00:00:00Z" }] },
      ["segment_empty:seg_1"],
    ],
    [
      "empty, last member left 20 days ago",
      { segments: [{ ...seg, member_count: 0, last_exit_at: "2026-11-11T00:00:00Z" }] },
      [],
    ],
    [
      "empty but created 10 days ago",
      { segments: [{ ...seg, member_count: 0, last_exit_at: null, created_at: "2026-11-21T00:00:00Z" }] },
      [],
    ],
    ["rule with 0 impressions", { rules: [{ ...base.rules[0], impressions: 0 }] }, ["rule_no_impressions:rule_1"]],
    [
      "category rule with 0 impressions",
      { rules: [{ ...base.rules[0], target_type: "category", target_id: "pcat_1", impressions: 0 }] },
      ["rule_no_impressions:rule_1"],
    ],
    ["draft rule with 0 impressions", { rules: [{ ...base.rules[0], status: "draft", impressions: 0 }] }, []],
    ["rule with 7 impressions", {}, []],
    [
      "past deadline, no verdict",
      { objectives: [{ ...obj, deadline: "2026-11-01T00:00:00Z", lift: null }] },
      ["objective_past_deadline:obj_1"],
    ],
    ["past deadline with a verdict", { objectives: [{ ...obj, deadline: "2026-11-01T00:00:00Z" }] }, []],
    [
      "past deadline, achieved",
      { objectives: [{ ...obj, status: "achieved", deadline: "2026-11-01T00:00:00Z", lift: null }] },
      [],
    ],
  ])("%s", (_, over, expected) => {
    const ctx = context(over as Partial<PlanContext>)
    expect(attention(ctx, NOW).map((a) => `${a.kind}:${a.entity_id}`)).toEqual(expected)
  })
})

describe("num and the HTML export", () => {
  it.each([
    [null, "none"],
    [NaN, "none"],
    [0.1 + 0.2, "0.3"],
    [45, "45"],
    [-1.23456, "-1.2346"],
  ])("num(%p) = %s", (n, s) => {
    expect(num(n)).toBe(s)
  })

  it("escapes every text (a statement cannot inject markup)", () => {
    const req = { ...context().requirements[0], statement: `<script>alert("x")</script> & more` }
    const html = renderPlanHtml(buildPlan(context({ requirements: [req] })))
    expect(html).not.toContain("<script>")
    expect(html).toContain("<h3>Requirement req_1: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</h3>")
  })
})

describe("sortLinks", () => {
  it("orders segments, rules, data sources, each by id, whatever the input order", () => {
    const links = [
      { target_type: "data_source", target_id: "medusa:orders" },
      { target_type: "recommendation_rule", target_id: "recrule_b" },
      { target_type: "data_source", target_id: "dsrc_1" },
      { target_type: "segment", target_id: "seg_z" },
      { target_type: "recommendation_rule", target_id: "recrule_a" },
      { target_type: "segment", target_id: "seg_a" },
    ]
    const expected = ["seg_a", "seg_z", "recrule_a", "recrule_b", "dsrc_1", "medusa:orders"]
    expect(sortLinks(links).map((l) => l.target_id)).toEqual(expected)
    expect(sortLinks([...links].reverse()).map((l) => l.target_id)).toEqual(expected)
  })
})
