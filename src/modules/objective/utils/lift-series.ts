import { buildLiftReport, GroupSums, LiftReport } from "./lift-report"
import { normalQuantile } from "./normal"
import type { ObjectiveDTO, ObjectiveSnapshotDTO } from "../types"

/** What a lift report reads from an objective. */
export type LiftObjective = Pick<ObjectiveDTO, "id" | "metric" | "direction" | "holdout_share" | "baseline" | "target">

/** What a lift report reads from a snapshot. */
export type LiftSnapshot = Pick<
  ObjectiveSnapshotDTO,
  "objective_id" | "group" | "period_start" | "period_end" | "created_at" | "n" | "sums"
>

/** One group's value with its 95% interval. */
export type SeriesGroup = { n: number; value: number; ci_low: number; ci_high: number }

/** One period of the lift chart: both groups and their difference, each with a 95% interval. */
export type SeriesPoint = {
  period_start: string
  period_end: string
  treatment: SeriesGroup
  holdout: SeriesGroup
  difference: number
  ci_low: number
  ci_high: number
}

/** The latest lift report of an objective, the series over time and the latest period. */
export type LiftSeries = {
  report: LiftReport | null
  series: SeriesPoint[]
  period: { start: string; end: string } | null
}

const iso = (d: Date | string) => new Date(d).toISOString()

/** Pairs snapshots (treatment + holdout of one run) by period; the latest run wins per period. */
export function pairSnapshots<S extends LiftSnapshot>(snapshots: S[]): { treatment: S; holdout: S }[] {
  const byKey = new Map<string, { treatment?: S; holdout?: S }>()
  const sorted = [...snapshots].sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at))
  for (const s of sorted) {
    const key = `${iso(s.period_start)}|${iso(s.period_end)}`
    const pair = byKey.get(key) ?? {}
    pair[s.group] = s
    byKey.set(key, pair)
  }
  return [...byKey.values()]
    .filter((p): p is { treatment: S; holdout: S } => !!p.treatment && !!p.holdout)
    .sort((a, b) => +new Date(a.treatment.period_end) - +new Date(b.treatment.period_end))
}

function sumsOf(s: LiftSnapshot): GroupSums {
  // the sums a snapshot was stored with (see createObjectiveSnapshotsStep)
  return (s.sums as GroupSums | null) ?? { n: s.n, sum_x: 0, sum_y: 0, sum_xx: 0, sum_yy: 0, sum_xy: 0 }
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** Lift report of the latest snapshot pair plus the series over time (95% normal intervals). */
export function liftSeries(objective: LiftObjective, snapshots: LiftSnapshot[]): LiftSeries {
  const pairs = pairSnapshots(snapshots)
  const z = normalQuantile(0.975)
  const interval = (e: { n: number; value: number; std_error: number }): SeriesGroup => ({
    n: e.n,
    value: e.value,
    ci_low: e.value - z * e.std_error,
    ci_high: e.value + z * e.std_error,
  })
  const reports = pairs.map((p) => ({
    pair: p,
    report: buildLiftReport({
      metric: objective.metric,
      direction: objective.direction,
      holdout_share: objective.holdout_share,
      baseline: num(objective.baseline),
      target: num(objective.target),
      treatment: sumsOf(p.treatment),
      holdout: sumsOf(p.holdout),
    }),
  }))
  const series = reports.map(({ pair, report }) => ({
    period_start: iso(pair.treatment.period_start),
    period_end: iso(pair.treatment.period_end),
    treatment: interval(report.treatment),
    holdout: interval(report.holdout),
    difference: report.comparison.difference,
    ci_low: report.comparison.ci_low,
    ci_high: report.comparison.ci_high,
  }))
  const last = reports[reports.length - 1]
  return {
    report: last?.report ?? null,
    series,
    period: last ? { start: iso(last.pair.treatment.period_start), end: iso(last.pair.treatment.period_end) } : null,
  }
}
