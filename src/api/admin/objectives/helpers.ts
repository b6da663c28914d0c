import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { buildLiftReport, GroupSums, LiftReport } from "../../../modules/objective/utils/lift-report"
import { normalQuantile } from "../../../modules/objective/utils/normal"
import { ObjectiveDTO, ObjectiveSnapshotDTO } from "../../../modules/objective/types"

export const OBJECTIVE_FIELDS = [
  "*",
  "segments.id",
  "segments.name",
  "segments.status",
  "recommendation_rules.id",
  "recommendation_rules.name",
  "recommendation_rules.status",
]

type LinkedEntity = { id: string; name: string; status: string }

/** An objective as `OBJECTIVE_FIELDS` reads it: its own fields plus its linked segments and rules. */
export type ObjectiveWithLinks = Omit<ObjectiveDTO, "snapshots"> & {
  segments?: LinkedEntity[]
  recommendation_rules?: LinkedEntity[]
}

/** What a lift report reads from an objective. */
type LiftObjective = Pick<ObjectiveDTO, "id" | "metric" | "direction" | "holdout_share" | "baseline" | "target">

type Snapshot = Pick<
  ObjectiveSnapshotDTO,
  "objective_id" | "group" | "period_start" | "period_end" | "created_at" | "n" | "sums"
>

export type SeriesPoint = {
  period_start: string
  period_end: string
  treatment: { n: number; value: number; ci_low: number; ci_high: number }
  holdout: { n: number; value: number; ci_low: number; ci_high: number }
  difference: number
  ci_low: number
  ci_high: number
}

const iso = (d: Date | string) => new Date(d).toISOString()

/** Pairs snapshots (treatment + holdout of one run) by period; the latest run wins per period. */
export function pairSnapshots(snapshots: Snapshot[]) {
  const byKey = new Map<string, { treatment?: Snapshot; holdout?: Snapshot }>()
  const sorted = [...snapshots].sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at))
  for (const s of sorted) {
    const key = `${iso(s.period_start)}|${iso(s.period_end)}`
    const pair = byKey.get(key) ?? {}
    pair[s.group] = s
    byKey.set(key, pair)
  }
  return [...byKey.values()]
    .filter((p) => p.treatment && p.holdout)
    .map((p) => p as { treatment: Snapshot; holdout: Snapshot })
    .sort((a, b) => +new Date(a.treatment.period_end) - +new Date(b.treatment.period_end))
}

function sumsOf(s: Snapshot): GroupSums {
  // the sums a snapshot was stored with (see createObjectiveSnapshotsStep)
  return (s.sums as GroupSums | null) ?? { n: s.n, sum_x: 0, sum_y: 0, sum_xx: 0, sum_yy: 0, sum_xy: 0 }
}

/** Lift report of the latest snapshot pair plus the series over time. */
export function reportFromSnapshots(
  objective: LiftObjective,
  snapshots: Snapshot[]
): { report: LiftReport | null; series: SeriesPoint[]; period: { start: string; end: string } | null } {
  const pairs = pairSnapshots(snapshots)
  const z = normalQuantile(0.975)
  const reports = pairs.map((p) => ({
    pair: p,
    report: buildLiftReport({
      metric: objective.metric,
      direction: objective.direction,
      holdout_share: objective.holdout_share,
      baseline: objective.baseline === null || objective.baseline === undefined ? null : Number(objective.baseline),
      target: objective.target === null || objective.target === undefined ? null : Number(objective.target),
      treatment: sumsOf(p.treatment),
      holdout: sumsOf(p.holdout),
    }),
  }))
  const series = reports.map(({ pair, report }) => ({
    period_start: iso(pair.treatment.period_start),
    period_end: iso(pair.treatment.period_end),
    treatment: {
      n: report.treatment.n,
      value: report.treatment.value,
      ci_low: report.treatment.value - z * report.treatment.std_error,
      ci_high: report.treatment.value + z * report.treatment.std_error,
    },
    holdout: {
      n: report.holdout.n,
      value: report.holdout.value,
      ci_low: report.holdout.value - z * report.holdout.std_error,
      ci_high: report.holdout.value + z * report.holdout.std_error,
    },
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

/** One objective with its linked segments and recommendation rules, or a 404. */
export async function retrieveObjectiveWithLinks(container: MedusaContainer, id: string): Promise<ObjectiveWithLinks> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "objective", fields: OBJECTIVE_FIELDS, filters: { id } })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Objective with id: ${id} was not found`)
  }
  return data[0]
}

/** Latest overall lift report per objective (for progress in the list). */
export async function latestReports(container: MedusaContainer, objectives: LiftObjective[]) {
  const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
  const out: Record<string, ReturnType<typeof reportFromSnapshots>> = {}
  if (!objectives.length) return out
  const snapshots = await service.listObjectiveSnapshots(
    { objective_id: objectives.map((o) => o.id), segment_id: null },
    { take: null }
  )
  for (const o of objectives) {
    out[o.id] = reportFromSnapshots(
      o,
      snapshots.filter((s) => s.objective_id === o.id)
    )
  }
  return out
}
