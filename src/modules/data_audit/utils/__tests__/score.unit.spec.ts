import { computeScores, countBySeverity, findingsAtOrAbove, severityAtLeast, shareOf, ScoredFinding } from "../score"

const f = (area: ScoredFinding["area"], severity: ScoredFinding["severity"], affected: number, total: number) => ({
  area,
  severity,
  affected,
  total,
})

describe("shareOf", () => {
  it.each([
    [0, 0, 0],
    [5, 0, 0],
    [1, 4, 0.25],
    [4, 4, 1],
    [6, 4, 1],
  ])("shareOf(%p, %p) = %p", (affected, total, expected) => {
    expect(shareOf(affected, total)).toBe(expected)
  })
})

describe("computeScores", () => {
  it.each<[string, ScoredFinding[], number | null, Record<string, number | null>]>([
    ["no findings", [], null, { customers: null, orders: null }],
    ["a clean area scores 100", [f("customers", "high", 0, 10)], 100, { customers: 100 }],
    ["a fully affected area scores 0", [f("orders", "low", 10, 10)], 0, { orders: 0 }],
    [
      "severity weights the mean (high 4, low 1)",
      [f("customers", "high", 5, 10), f("customers", "low", 0, 10)],
      // (4 * 0.5 + 1 * 1) / 5 = 0.6
      60,
      { customers: 60 },
    ],
    ["info findings do not count", [f("products", "info", 10, 10)], null, { products: null }],
    ["findings with nothing to measure do not count", [f("products", "high", 0, 0)], null, { products: null }],
    [
      "overall is the mean of the area scores",
      [f("customers", "high", 0, 10), f("orders", "medium", 5, 10)],
      75,
      { customers: 100, orders: 50 },
    ],
  ])("%s", (_name, findings, score, areas) => {
    const r = computeScores(findings)
    expect(r.score).toBe(score)
    for (const [area, s] of Object.entries(areas)) {
      expect(r.area_scores[area as ScoredFinding["area"]]).toBe(s)
    }
  })
})

describe("severity thresholds", () => {
  it.each([
    ["high", "medium", true],
    ["medium", "medium", true],
    ["low", "medium", false],
    ["info", "info", true],
    ["info", "low", false],
  ] as const)("%s at least %s = %p", (s, t, expected) => {
    expect(severityAtLeast(s, t)).toBe(expected)
  })

  it("gates only on findings with affected records", () => {
    const findings = [
      { id: "a", severity: "high" as const, affected: 0 },
      { id: "b", severity: "high" as const, affected: 2 },
      { id: "c", severity: "low" as const, affected: 3 },
    ]
    expect(findingsAtOrAbove(findings, "medium").map((x) => x.id)).toEqual(["b"])
    expect(findingsAtOrAbove(findings, "info").map((x) => x.id)).toEqual(["b", "c"])
    expect(countBySeverity(findings)).toEqual({ info: 0, low: 1, medium: 0, high: 1 })
  })
})
