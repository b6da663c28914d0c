import { liftSeries, LiftObjective, LiftSnapshot, pairSnapshots } from "../lift-series"

const Z = 1.959963984540054

const objective: LiftObjective = {
  id: "obj_1",
  metric: "conversion_rate",
  direction: "increase",
  holdout_share: 0.5,
  baseline: 0.2,
  target: 0.4,
}

/** A conversion snapshot: `successes` of `n` customers ordered. */
function snap(
  group: "treatment" | "holdout",
  period: [string, string],
  n: number,
  successes: number,
  createdAt: string
): LiftSnapshot {
  return {
    objective_id: "obj_1",
    group,
    period_start: new Date(period[0]),
    period_end: new Date(period[1]),
    created_at: new Date(createdAt),
    n,
    sums: { n, sum_x: 0, sum_y: successes, sum_xx: 0, sum_yy: successes, sum_xy: 0 },
  }
}

const JAN: [string, string] = ["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]
const FEB: [string, string] = ["2026-01-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]

describe("lift series", () => {
  it("pairs treatment and holdout by period, the latest run winning, unpaired runs dropped, oldest period first", () => {
    const pairs = pairSnapshots([
      snap("treatment", FEB, 200, 60, "2026-03-01T01:00:00Z"),
      snap("holdout", FEB, 200, 40, "2026-03-01T01:00:00Z"),
      snap("treatment", JAN, 100, 10, "2026-02-01T01:00:00Z"),
      snap("holdout", JAN, 100, 10, "2026-02-01T01:00:00Z"),
      // a second run of January replaces the first
      snap("treatment", JAN, 100, 30, "2026-02-02T01:00:00Z"),
      snap("holdout", JAN, 100, 20, "2026-02-02T01:00:00Z"),
      // a treatment with no holdout is not a pair
      snap("treatment", ["2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z"], 5, 1, "2026-04-01T01:00:00Z"),
    ])
    expect(pairs.map((p) => [p.treatment.sums, p.holdout.sums].map((s: any) => s.sum_y))).toEqual([
      [30, 20],
      [60, 40],
    ])
  })

  it("reports the latest pair with 95% intervals per group and for the difference", () => {
    const { report, series, period } = liftSeries(objective, [
      snap("treatment", JAN, 100, 30, "2026-02-01T01:00:00Z"),
      snap("holdout", JAN, 100, 20, "2026-02-01T01:00:00Z"),
    ])
    const seT = Math.sqrt((0.3 * 0.7) / 100)
    const seH = Math.sqrt((0.2 * 0.8) / 100)
    const seD = Math.sqrt(seT ** 2 + seH ** 2)
    expect(period).toEqual({ start: JAN[0], end: JAN[1] })
    expect(series).toHaveLength(1)
    const [p] = series
    expect(p.period_end).toBe(JAN[1])
    expect(p.treatment.n).toBe(100)
    expect(p.treatment.value).toBeCloseTo(0.3, 12)
    expect(p.treatment.ci_low).toBeCloseTo(0.3 - Z * seT, 12)
    expect(p.treatment.ci_high).toBeCloseTo(0.3 + Z * seT, 12)
    expect(p.holdout.ci_low).toBeCloseTo(0.2 - Z * seH, 12)
    expect(p.difference).toBeCloseTo(0.1, 12)
    expect(p.ci_low).toBeCloseTo(0.1 - Z * seD, 12)
    expect(p.ci_high).toBeCloseTo(0.1 + Z * seD, 12)
    expect(report!.comparison.difference).toBeCloseTo(0.1, 12)
    // (0.3 - 0.2) / (0.4 - 0.2)
    expect(report!.progress_to_target).toBeCloseTo(0.5, 12)
    expect(report!.verdict).toBe("not_enough_data")
  })

  it.each([
    ["no snapshots", []],
    ["a treatment without its holdout", [snap("treatment", JAN, 100, 30, "2026-02-01T01:00:00Z")]],
  ])("has no report and an empty series with %s", (_name, snapshots) => {
    expect(liftSeries(objective, snapshots as LiftSnapshot[])).toEqual({ report: null, series: [], period: null })
  })

  it("reads a snapshot stored without sums as n customers with no successes", () => {
    const bare = (group: "treatment" | "holdout"): LiftSnapshot => ({
      ...snap(group, JAN, 50, 0, "2026-02-01T01:00:00Z"),
      sums: null,
    })
    const { series } = liftSeries(objective, [bare("treatment"), bare("holdout")])
    expect(series[0].treatment).toEqual({ n: 50, value: 0, ci_low: 0, ci_high: 0 })
  })
})
