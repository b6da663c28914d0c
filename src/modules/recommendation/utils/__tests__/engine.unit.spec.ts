import fc from "fast-check"
import { countCoPurchases, topNeighbors, capHistory, pairCounts } from "../co-purchase"
import { asNestedMaps } from "./nested-counts"
import {
  recommend,
  EngineInput,
  ruleMatches,
  diversify,
  Working,
  applicableRules,
  FILTERS,
  servedRuleIds,
} from "../engine"
import { hitRate, ndcgAtK } from "../metrics"
import { recencyWeight, scoreCandidates, buildSeeds, blendScores, DEFAULT_SCORING } from "../scoring"
import { EngineRule, ProductFacts } from "../types"

const day = 86400000
const now = new Date("2024-06-01T00:00:00Z")
const daysAgo = (n: number) => new Date(now.getTime() - n * day)
const pub: ProductFacts = { published: true, in_sales_channel: true }
/** A product first bought `d` days ago. */
const t = (id: string, d: number) => ({ product_id: id, first_purchased_at: daysAgo(d) })

function baseInput(overrides: Partial<EngineInput> = {}): EngineInput {
  // Customers: c1 {a,b,c}, c2 {a,b}, c3 {a,c,d}, c4 {b,d}
  const counts = countCoPurchases([
    ["a", "b", "c"],
    ["a", "b"],
    ["a", "c", "d"],
    ["b", "d"],
  ])
  return {
    limit: 10,
    now,
    personalized: true,
    segment_ids: [],
    history: [{ product_id: "a", last_purchased_at: daysAgo(1) }],
    anchors: [],
    cart_product_ids: [],
    neighbors: topNeighbors(counts, 50, 1),
    item_counts: counts.items,
    facts: new Map(["a", "b", "c", "d", "e"].map((id) => [id, { ...pub }])),
    rules: [],
    fallbacks: [
      {
        source: "fallback_store",
        items: [
          { product_id: "e", count: 9 },
          { product_id: "a", count: 3 },
        ],
      },
    ],
    objective_id: null,
    ...overrides,
  }
}

describe("co-purchase counts", () => {
  it.each([
    ["a", "b", 2],
    ["b", "a", 2],
    ["a", "c", 2],
    ["a", "d", 1],
    ["c", "b", 1],
    ["b", "d", 1],
  ])("pair %s-%s bought by %i customers", (x, y, n) => {
    const counts = countCoPurchases([
      ["a", "b", "c"],
      ["a", "b"],
      ["a", "c", "d"],
      ["b", "d"],
    ])
    expect(pairCounts(counts, x, y)?.customers).toBe(n)
  })

  it("counts a customer once per product even when listed twice", () => {
    const counts = countCoPurchases([["a", "a", "b"]])
    expect(counts.items.get("a")).toBe(1)
    expect(pairCounts(counts, "a", "b")?.customers).toBe(1)
  })

  it("counts customers who came back for a product at least a day after their first purchase of another", () => {
    // c1: a, then b a week later; c2: a and b the same day; c3: b, then a two days later
    const counts = countCoPurchases([
      [t("a", 10), t("b", 3)],
      [t("a", 5), t("b", 5)],
      [t("b", 4), t("a", 2)],
    ])
    expect(pairCounts(counts, "a", "b")?.customers).toBe(3)
    expect(pairCounts(counts, "a", "b")?.later).toBe(1)
    expect(pairCounts(counts, "b", "a")?.later).toBe(1)
    // untimed histories count no return purchases
    expect(asNestedMaps(countCoPurchases([["a", "b"]])).later.size).toBe(0)
  })

  it("a purchase less than a day after the first one is the same visit, not a return", () => {
    const at = (h: number) => new Date(now.getTime() - h * 3600000)
    const counts = countCoPurchases([
      [
        { product_id: "a", first_purchased_at: at(30) },
        { product_id: "b", first_purchased_at: at(8) },
      ],
    ])
    expect(pairCounts(counts, "a", "b")?.later).toBe(0)
  })

  it("ranks neighbours by customers who bought both plus those who came back for them", () => {
    // b and c are each bought with a by two customers; both c buyers came back for it later
    const counts = countCoPurchases([
      [t("a", 10), t("b", 10)],
      [t("a", 10), t("b", 10)],
      [t("a", 10), t("c", 3)],
      [t("a", 10), t("c", 3)],
    ])
    expect(topNeighbors(counts, 10, 2).get("a")).toEqual([
      { product_id: "c", count: 2, later: 2, weighted: 1 },
      { product_id: "b", count: 2, later: 0, weighted: 1 },
    ])
  })

  it("top neighbours drop pairs under the minimum support and sort by count then id", () => {
    const counts = countCoPurchases([
      ["a", "b", "c"],
      ["a", "b"],
      ["a", "c", "d"],
      ["b", "d"],
    ])
    // weighted: a-b by c1 (3 products) and c2 (2): 1/3 + 1/2; a-c by c1 and c3 (3 products each)
    expect(topNeighbors(counts, 10, 2).get("a")).toEqual([
      { product_id: "b", count: 2, later: 0, weighted: expect.closeTo(5 / 6, 12) },
      { product_id: "c", count: 2, later: 0, weighted: expect.closeTo(2 / 3, 12) },
    ])
    expect(topNeighbors(counts, 1, 1).get("a")).toEqual([
      { product_id: "b", count: 2, later: 0, weighted: expect.closeTo(5 / 6, 12) },
    ])
  })

  it("weighted counts each customer who bought both as 1 / the products they bought", () => {
    const counts = countCoPurchases([
      ["a", "b"],
      ["a", "b", "c", "d"],
      ["b", "a", "a"],
    ])
    expect(pairCounts(counts, "a", "b")?.weighted).toBeCloseTo(1 / 2 + 1 / 4 + 1 / 2, 12)
    expect(pairCounts(counts, "c", "d")?.weighted).toBeCloseTo(1 / 4, 12)
    // symmetric, and no diagonal (the table's diagonal holds buyers, weighted 0)
    expect(pairCounts(counts, "b", "a")?.weighted).toBeCloseTo(5 / 4, 12)
    expect(pairCounts(counts, "a", "a")).toBeUndefined()
  })

  it("caps a history to the most recent products", () => {
    const h = [
      { product_id: "old", last_purchased_at: daysAgo(10) },
      { product_id: "new", last_purchased_at: daysAgo(1) },
    ]
    expect(capHistory(h, 1).map((x) => x.product_id)).toEqual(["new"])
  })
})

describe("scoring", () => {
  it.each([
    [0, 1],
    [90, 0.5],
    [180, 0.25],
  ])("a purchase %i days old weighs %f", (age, w) => {
    expect(recencyWeight(daysAgo(age), now, 90)).toBeCloseTo(w)
  })

  it("scores neighbours by cosine similarity, best first, explaining the seeds", () => {
    const counts = countCoPurchases([["a", "b"], ["a", "b"], ["a", "c"], ["c"], ["c"]])
    const seeds = buildSeeds([{ product_id: "a", last_purchased_at: now }], [], now)
    const scored = scoreCandidates(seeds, topNeighbors(counts, 10, 1), counts.items, { ...DEFAULT_SCORING, alpha: 0.5 })
    // sim(a,b) = 2 / sqrt(3*2) = 0.816; sim(a,c) = 1 / sqrt(3*3) = 0.333
    expect(scored.map((s) => s.product_id)).toEqual(["b", "c"])
    expect(scored[0].score).toBeCloseTo(2 / Math.sqrt(6))
    expect(scored[0].because[0]).toMatchObject({ product_id: "a", kind: "purchase", count: 2 })
  })

  it("rp3beta weights each customer by 1 / their products and penalises popular candidates by n^beta", () => {
    // b: bought with a by two customers of 10 products each, and by 4 more customers;
    // c: bought with a by two customers who bought only a and c
    const filler = (i: number) => Array.from({ length: 8 }, (_, j) => `f${i}_${j}`)
    const counts = countCoPurchases([
      ["a", "b", ...filler(1)],
      ["a", "b", ...filler(2)],
      ["a", "c"],
      ["a", "c"],
      ["b"],
      ["b"],
      ["b"],
      ["b"],
    ])
    const seeds = buildSeeds([{ product_id: "a", last_purchased_at: now }], [], now)
    const neighbors = topNeighbors(counts, 50, 2)
    const rp3 = { ...DEFAULT_SCORING, model: "rp3beta" as const, alpha: 0.5, beta: 0.5, later_weight: 0 }
    const scored = scoreCandidates(seeds, neighbors, counts.items, rp3)
    // c: (1/2 + 1/2) / (4^0.5 * 2^0.5); b: (1/10 + 1/10) / (4^0.5 * 6^0.5)
    expect(scored.map((x) => x.product_id)).toEqual(["c", "b"])
    expect(scored[0].score).toBeCloseTo(1 / (2 * Math.sqrt(2)), 12)
    expect(scored[1].score).toBeCloseTo(0.2 / (2 * Math.sqrt(6)), 12)
    // co-purchase (α 0.15) ranks c first too: both have two customers with a, b is the more popular
    expect(scoreCandidates(seeds, neighbors, counts.items, { ...DEFAULT_SCORING, later_weight: 0 })[0].product_id).toBe(
      "c"
    )
  })
})

describe("seed decay", () => {
  // purchase days: today (x), 10 days ago (y, z), 100 days ago (w)
  const history = [
    { product_id: "x", last_purchased_at: daysAgo(0) },
    { product_id: "y", last_purchased_at: daysAgo(10) },
    { product_id: "z", last_purchased_at: new Date(daysAgo(10).getTime() + 3600000) },
    { product_id: "w", last_purchased_at: daysAgo(100) },
  ]
  it.each([
    [
      "days, half-life 10",
      { decay: "days" as const, half_life_days: 10 },
      [1, 0.5, Math.pow(0.5, (10 - 1 / 24) / 10), 2 ** -10],
    ],
    ["orders, half-life 1 purchase day", { decay: "orders" as const, half_life_orders: 1 }, [1, 0.5, 0.5, 0.25]],
    [
      "orders, half-life 2 purchase days",
      { decay: "orders" as const, half_life_orders: 2 },
      [1, 0.5 ** 0.5, 0.5 ** 0.5, 0.5],
    ],
    ["none", { decay: "none" as const }, [1, 1, 1, 1]],
    ["absent: days", { half_life_days: 10 }, [1, 0.5, Math.pow(0.5, (10 - 1 / 24) / 10), 2 ** -10]],
  ])("%s", (_name, options, weights) => {
    const seeds = buildSeeds(history, ["a"], now, { ...DEFAULT_SCORING, ...options })
    expect(seeds.map((s) => s.weight).slice(0, 4)).toEqual(weights.map((w) => expect.closeTo(w, 12)))
    // anchors keep their weight whatever the decay
    expect(seeds[4]).toEqual({ product_id: "a", weight: DEFAULT_SCORING.anchor_weight, kind: "anchor" })
  })
})

describe("seed decay by purchase days (generated histories)", () => {
  it("weighs the latest purchase day 1, never less for a later day, and halves per half-life of purchase days", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 10 }),
        (ages, halfLife) => {
          const history = ages.map((age, i) => ({ product_id: `p${i}`, last_purchased_at: daysAgo(age) }))
          const seeds = buildSeeds(history, [], now, {
            ...DEFAULT_SCORING,
            decay: "orders",
            half_life_orders: halfLife,
          })
          const days = [...new Set(ages)].sort((a, b) => a - b)
          seeds.forEach((seed, i) => {
            expect(seed.weight).toBeCloseTo(Math.pow(0.5, days.indexOf(ages[i]) / halfLife), 12)
            for (let j = 0; j < seeds.length; j++) {
              if (ages[j] > ages[i]) {
                expect(seeds[j].weight).toBeLessThan(seed.weight)
              }
            }
          })
          expect(Math.max(...seeds.map((x) => x.weight))).toBe(1)
        }
      )
    )
  })
})

describe("blend of co-purchase and RP3beta", () => {
  // a's neighbours: b (popular, bought with a by heavy customers), c (bought with a by light customers)
  const filler = (i: number) => Array.from({ length: 8 }, (_, j) => `f${i}_${j}`)
  // co-purchase (α 0.15): b 6 / (8^0.15 6^0.85) = 0.957 before c 2 / (8^0.15 2^0.85) = 0.810;
  // RP3beta (α 0.5, β 0.5): c (1/2 + 1/2) / (8^0.5 2^0.5) = 0.25 before b 6 x 1/10 / (8^0.5 6^0.5) = 0.087
  const counts = countCoPurchases([...[1, 2, 3, 4, 5, 6].map((i) => ["a", "b", ...filler(i)]), ["a", "c"], ["a", "c"]])
  const neighbors = topNeighbors(counts, 50, 2)
  const seeds = buildSeeds([{ product_id: "a", last_purchased_at: now }], [], now)
  const co = { ...DEFAULT_SCORING, later_weight: 0, alpha: 0.15 }
  const rp3 = { ...co, model: "rp3beta" as const, alpha: 0.5, beta: 0.5 }
  const coScores = new Map(scoreCandidates(seeds, neighbors, counts.items, co).map((c) => [c.product_id, c.score]))
  const rpScores = new Map(scoreCandidates(seeds, neighbors, counts.items, rp3).map((c) => [c.product_id, c.score]))
  const norm = (m: Map<string, number>, id: string) => m.get(id)! / Math.max(...m.values())

  it.each([
    [0, ["b", "c"]],
    [0.1, ["b", "c"]],
    [1, ["c", "b"]],
    [5, ["c", "b"]],
  ])("weight %f: co-purchase / its best + weight x RP3beta / its best", (weight, order) => {
    const scored = scoreCandidates(seeds, neighbors, counts.items, {
      ...co,
      rp3_blend: weight,
      rp3_alpha: 0.5,
      beta: 0.5,
    })
    expect(scored.map((c) => c.product_id)).toEqual(order)
    for (const c of scored) {
      const expected =
        weight > 0 ? norm(coScores, c.product_id) + weight * norm(rpScores, c.product_id) : coScores.get(c.product_id)!
      expect(c.score).toBeCloseTo(expected, 12)
      // one seed: its contribution is the whole score, on the same scale
      expect(c.because).toEqual([
        expect.objectContaining({ product_id: "a", contribution: expect.closeTo(c.score, 12) }),
      ])
    }
  })

  it("ignores the blend weight in an RP3beta model", () => {
    expect(scoreCandidates(seeds, neighbors, counts.items, { ...rp3, rp3_blend: 1 })).toEqual(
      scoreCandidates(seeds, neighbors, counts.items, rp3)
    )
  })

  it("adds each seed's contributions from both parts and keeps the top 3", () => {
    const blended = blendScores(
      [
        {
          product_id: "p",
          score: 4,
          because: [
            { product_id: "s1", kind: "purchase", count: 2, later: 0, contribution: 3 },
            { product_id: "s2", kind: "purchase", count: 2, later: 0, contribution: 1 },
          ],
        },
      ],
      [
        {
          product_id: "p",
          score: 2,
          because: [
            { product_id: "s2", kind: "purchase", count: 2, later: 0, contribution: 1.5 },
            { product_id: "s3", kind: "purchase", count: 2, later: 0, contribution: 0.5 },
          ],
        },
      ],
      2
    )
    // scales: 1 / 4 and 2 / 2
    expect(blended).toEqual([
      {
        product_id: "p",
        score: 1 + 2,
        because: [
          expect.objectContaining({ product_id: "s2", contribution: 0.25 + 1.5 }),
          expect.objectContaining({ product_id: "s1", contribution: 0.75 }),
          expect.objectContaining({ product_id: "s3", contribution: 0.5 }),
        ],
      },
    ])
  })
})

describe("recommend", () => {
  it("never returns already bought products, anchors, cart items or duplicates, and counts them", () => {
    const out = recommend(
      baseInput({
        history: [
          { product_id: "a", last_purchased_at: daysAgo(1) },
          { product_id: "b", last_purchased_at: daysAgo(1) },
        ],
        cart_product_ids: ["c"],
      })
    )
    const ids = out.items.map((i) => i.product_id)
    expect(ids).toEqual(["d", "e"])
    expect(out.filters.in_cart).toBe(1)
    expect(out.filters.already_bought).toBe(2) // a (neighbour of b) and b (neighbour of a)
    expect(out.filters.duplicate).toBe(1) // "a" again from the store fallback list
    expect(new Set(ids).size).toBe(ids.length)
  })

  it.each([
    ["unpublished", { published: false, in_sales_channel: true }],
    ["wrong_sales_channel", { published: true, in_sales_channel: false }],
  ] as const)("removes %s products", (filter, facts) => {
    const input = baseInput()
    input.facts.set("b", facts)
    const out = recommend(input)
    expect(out.items.map((i) => i.product_id)).not.toContain("b")
    expect(out.filters[filter]).toBe(1)
    expect(out.items[0].trace.filters[filter]).toBe(1)
  })

  it("removes candidates without facts as unknown", () => {
    const input = baseInput()
    input.facts.delete("c")
    expect(recommend(input).filters.unknown_product).toBe(1)
  })

  it("allows a consumable again after its repurchase window", () => {
    const input = baseInput({
      history: [{ product_id: "e", last_purchased_at: daysAgo(40) }],
    })
    expect(recommend(input).items.map((i) => i.product_id)).not.toContain("e")
    input.facts.set("e", { ...pub, repurchase_window_days: 30 })
    expect(recommend(input).items.map((i) => i.product_id)).toContain("e")
  })

  it("labels fallbacks and puts co-purchase first", () => {
    const out = recommend(baseInput())
    // sim(a,c) = 2/sqrt(3*2) > sim(a,b) = 2/sqrt(3*3) > sim(a,d) = 1/sqrt(3*2)
    expect(out.items.map((i) => [i.product_id, i.trace.source, i.trace.fallback])).toEqual([
      ["c", "co_purchase", false],
      ["b", "co_purchase", false],
      ["d", "co_purchase", false],
      ["e", "fallback_store", true],
    ])
    expect(out.filters.already_bought).toBe(1) // "a" from the fallback list
  })

  it("a non-personalized request ignores history and segments but keeps the guarantees", () => {
    const out = recommend(baseInput({ personalized: false, segment_ids: ["seg_1"] }))
    expect(out.items.map((i) => i.product_id)).toEqual(["e"])
    expect(out.filters.already_bought).toBe(1)
    expect(out.items[0].trace.segment_ids).toEqual([])
  })

  it("anchors seed the list and are never recommended themselves", () => {
    const out = recommend(baseInput({ personalized: false, history: [], anchors: ["d"] }))
    expect(
      out.items
        .map((i) => i.product_id)
        .slice(0, 3)
        .sort()
    ).toEqual(["a", "b", "c"])
    expect(out.items.map((i) => i.product_id)).not.toContain("d")
  })

  const rule = (r: Partial<EngineRule>): EngineRule => ({
    id: "recrule_1",
    version: 3,
    action: "boost",
    target_type: "product",
    target_id: "d",
    weight: 10,
    segment_id: null,
    objective_id: "obj_1",
    ...r,
  })

  // the last column: the rules recorded with the served list (its impressions count for them)
  it.each([
    ["boost moves d first", rule({}), ["d", "c", "b", "e"], ["recrule_1"]],
    ["bury moves b last of co-purchase", rule({ action: "bury", target_id: "b" }), ["c", "d", "b", "e"], ["recrule_1"]],
    ["pin puts the fallback e first", rule({ action: "pin", target_id: "e" }), ["e", "c", "b", "d"], ["recrule_1"]],
    ["exclude removes c", rule({ action: "exclude", target_id: "c" }), ["b", "d", "e"], ["recrule_1"]],
    ["a rule matching no candidate does nothing", rule({ target_id: "zz" }), ["c", "b", "d", "e"], []],
    [
      "an exclude matching no candidate does nothing",
      rule({ action: "exclude", target_id: "zz" }),
      ["c", "b", "d", "e"],
      [],
    ],
    ["a rule for another segment does nothing", rule({ segment_id: "seg_other" }), ["c", "b", "d", "e"], []],
    ["a rule for the customer's segment applies", rule({ segment_id: "seg_1" }), ["d", "c", "b", "e"], ["recrule_1"]],
  ])("%s", (_name, r, expected, ruleIds) => {
    const out = recommend(baseInput({ rules: [r], segment_ids: ["seg_1"] }))
    expect(out.items.map((i) => i.product_id)).toEqual(expected)
    expect(servedRuleIds(out.items, out.exclude_rule_ids)).toEqual(ruleIds)
  })

  it("records every rule that acted on the list once, though an item's trace keeps only the last", () => {
    const out = recommend(
      baseInput({
        rules: [
          rule({ id: "r_boost_d" }),
          rule({ id: "r_pin_d", action: "pin" }),
          rule({ id: "r_boost_c", target_id: "c" }),
          rule({ id: "r_exclude_b", action: "exclude", target_id: "b" }),
        ],
      })
    )
    expect(out.items.map((i) => i.trace.rule_id)).toEqual(["r_pin_d", "r_boost_c", null])
    expect(servedRuleIds(out.items, out.exclude_rule_ids)).toEqual(["r_boost_d", "r_pin_d", "r_boost_c", "r_exclude_b"])
    // the serve lists fewer items than were ranked: only what it lists (and the exclusions) count
    expect(servedRuleIds(out.items.slice(1), out.exclude_rule_ids)).toEqual(["r_boost_c", "r_exclude_b"])
  })

  it("traces the rule id, version, objective and segment on the item it touched", () => {
    const out = recommend(baseInput({ rules: [rule({ segment_id: "seg_1" })], segment_ids: ["seg_1"] }))
    expect(out.items[0].trace).toMatchObject({
      source: "co_purchase",
      rule_id: "recrule_1",
      rule_version: 3,
      objective_id: "obj_1",
      segment_ids: ["seg_1"],
    })
    expect(out.items[0].reasons.map((r) => r.type)).toEqual(["co_purchase", "rule"])
  })

  it("a pin of a product not among the candidates adds it", () => {
    const input = baseInput({ rules: [rule({ action: "pin", target_id: "z" })] })
    input.facts.set("z", { ...pub })
    const out = recommend(input)
    expect(out.items[0]).toMatchObject({ product_id: "z", trace: { source: "rule_pin" } })
  })

  it("rules of an objective the customer is held out of are not applied", () => {
    const out = recommend(baseInput({ rules: [rule({})], holdout_objective_ids: ["obj_1"] }))
    expect(out.items.map((i) => i.product_id)).toEqual(["c", "b", "d", "e"])
  })

  it.each([
    ["category", { category_ids: ["pcat_1"] }, true],
    ["category", { category_ids: [] }, false],
    ["tag", { tag_ids: ["ptag_1"] }, true],
    ["collection", { collection_id: "pcol_1" }, true],
    ["collection", { collection_id: null }, false],
  ] as const)("a %s rule matches facts %j: %s", (type, facts, expected) => {
    const id = type === "category" ? "pcat_1" : type === "tag" ? "ptag_1" : "pcol_1"
    expect(ruleMatches(rule({ target_type: type, target_id: id }), "x", { ...pub, ...facts } as ProductFacts)).toBe(
      expected
    )
  })

  it("respects the limit", () => {
    expect(recommend(baseInput({ limit: 2 })).items).toHaveLength(2)
  })

  it.each([1, 2])(
    "max_candidates %i counts only products the customer may be shown: bought ones do not use it up",
    (maxCandidates) => {
      // c, the best candidate, was bought (100 days ago): it must not take the only slot from b
      const out = recommend(
        baseInput({
          max_candidates: maxCandidates,
          history: [
            { product_id: "a", last_purchased_at: daysAgo(1) },
            { product_id: "c", last_purchased_at: daysAgo(100) },
          ],
        })
      )
      const personal = out.items.filter((i) => i.trace.source === "co_purchase").map((i) => i.product_id)
      expect(personal).toEqual(["b", "d"].slice(0, maxCandidates))
      expect(out.filters.already_bought).toBeGreaterThanOrEqual(1)
    }
  )
})

describe("diversify", () => {
  const w = (product_id: string, score: number): Working => ({
    product_id,
    score,
    stage: 0,
    pinned: 0,
    source: "co_purchase",
    reasons: [],
    segment_ids: [],
    rule: null,
  })
  const seeds = new Map([
    ["x1", "A"],
    ["x2", "A"],
    ["y1", "B"],
  ])
  it.each([
    [1, ["x1", "x2", "y1"]],
    [0.8, ["x1", "y1", "x2"]],
  ])("factor %f orders %j", (factor, expected) => {
    const list = [w("x1", 1), w("x2", 0.9), w("y1", 0.85)]
    diversify(list, seeds, factor, 10)
    expect(list.map((x) => x.product_id)).toEqual(expected)
  })

  it("leaves pinned items and fallbacks where they are", () => {
    const pinned = { ...w("p", 0.1), pinned: 2 }
    const fallback = { ...w("f", 0.5), stage: 1, source: "fallback_store" as const }
    const list = [pinned, w("x1", 1), w("x2", 0.9), w("y1", 0.85), fallback]
    diversify(list, seeds, 0.8, 10)
    expect(list.map((x) => x.product_id)).toEqual(["p", "x1", "y1", "x2", "f"])
  })
})

describe("metrics", () => {
  it.each([
    [["a", "b"], ["b"], 1],
    [["a", "b"], ["c"], 0],
    [[], ["c"], 0],
  ])("hit rate of %j against %j is %i", (rec, rel, expected) => {
    expect(hitRate(rec, new Set(rel))).toBe(expected)
  })

  it.each([
    [["a", "b"], ["a"], 1],
    [["b", "a"], ["a"], 1 / Math.log2(3)],
    [["x", "y"], ["a"], 0],
    [["a"], [], 0],
  ])("NDCG of %j against %j is %f", (rec, rel, expected) => {
    expect(ndcgAtK(rec, new Set(rel), 10)).toBeCloseTo(expected)
  })
})

describe("rules per objective (several active objectives)", () => {
  const r = (over: Partial<EngineRule>): EngineRule => ({
    id: "recrule_x",
    version: 1,
    action: "boost",
    target_type: "product",
    target_id: "d",
    weight: 1,
    segment_id: null,
    objective_id: null,
    ...over,
  })
  // personalized = the customer's group in the objective governing the engine
  it.each([
    ["store-wide rule, engine holdout", r({}), false, [], true],
    ["rule of A, customer in A's holdout", r({ objective_id: "obj_a" }), true, ["obj_a"], false],
    ["rule of A, held out of B only", r({ objective_id: "obj_a" }), true, ["obj_b"], true],
    [
      "segment rule of A, in A's treatment but the engine's holdout",
      r({ objective_id: "obj_a", segment_id: "seg_1" }),
      false,
      ["obj_b"],
      true,
    ],
    ["segment rule of A, in A's holdout", r({ objective_id: "obj_a", segment_id: "seg_1" }), true, ["obj_a"], false],
    ["segment rule without objective, engine holdout", r({ segment_id: "seg_1" }), false, [], false],
    ["segment rule without objective, engine treatment", r({ segment_id: "seg_1" }), true, [], true],
    ["segment rule, customer not in the segment", r({ objective_id: "obj_a", segment_id: "seg_2" }), true, [], false],
  ] as const)("%s: applies = %s", (_name, rule, personalized, holdout, applies) => {
    const rules = applicableRules({
      rules: [rule],
      segment_ids: ["seg_1"],
      personalized,
      holdout_objective_ids: [...holdout],
    })
    expect(rules.length === 1).toBe(applies)
  })
})

describe("hard filters table", () => {
  const w = (id: string): Working => ({
    product_id: id,
    score: 1,
    stage: 0,
    pinned: 0,
    source: "co_purchase",
    reasons: [],
    segment_ids: [],
    rule: null,
  })
  const context = {
    now,
    bought: new Map([
      ["old", daysAgo(40)],
      ["new", daysAgo(1)],
    ]),
    cart: new Set(["incart"]),
    anchors: new Set(["anchor", "incart"]),
  }
  it.each([
    ["anchor", { ...pub }, "anchor"],
    ["incart", { ...pub }, "in_cart"],
    ["new", { ...pub, repurchase_window_days: 30 }, "already_bought"],
    ["old", { ...pub }, "already_bought"],
    ["old", { ...pub, repurchase_window_days: 30 }, null],
    ["x", undefined, "unknown_product"],
    ["x", { published: false, in_sales_channel: true }, "unpublished"],
    ["x", { published: true, in_sales_channel: false }, "wrong_sales_channel"],
    ["x", { ...pub }, null],
  ] as const)("%s with facts %j is removed by %s", (id, facts, expected) => {
    const hit = FILTERS.find(([, removes]) => removes(w(id), facts as ProductFacts | undefined, context))
    expect(hit?.[0] ?? null).toBe(expected)
  })
})
