import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import Objective from "./models/objective"
import ObjectiveSnapshot from "./models/objective-snapshot"
import DecisionLog from "./models/decision-log"
import { activeObjectives, lastCountedOrderAt, metricSums } from "./repositories/metrics"
import { Metric, MetricQueryInput, METRICS_WITH_WINDOW } from "./utils/metric-sql"
import { estimateFromSums, GroupMeasurement, GroupSums } from "./utils/lift-report"
import { liftSeries, LiftObjective, LiftSeries } from "./utils/lift-series"
import { CustomerExperiment, experimentFor } from "./utils/experiment"
import { refuseUnknownPluginOptions } from "../../utils/plugin-options"

export type MetricMeasurement = {
  metric: Metric
  period_start: Date
  period_end: Date
  groups: Partial<Record<"all" | "treatment" | "holdout", GroupMeasurement>>
}

export type LogDecisionInput = {
  entity_type: string
  entity_id: string
  action: string
  actor_id?: string | null
  reason?: string | null
  diff?: Record<string, unknown> | null
}

const DAY_MS = 86400000
/** Baseline window length before the metric's own N days (see `baselineWindow`). */
export const BASELINE_WINDOW_DAYS = 90

class ObjectiveModuleService extends MedusaService({
  Objective,
  ObjectiveSnapshot,
  DecisionLog,
}) {
  constructor(container: Record<string, unknown>, options?: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // A misspelt plugin option stops startup here (Medusa constructs every module's service while booting).
    refuseUnknownPluginOptions(options)
  }

  /**
   * Measures a metric from the store's orders with SQL, for everyone or split into
   * treatment/holdout by the objective's deterministic hash.
   */
  @InjectManager()
  async measureMetric(
    input: MetricQueryInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MetricMeasurement> {
    if (!(input.start instanceof Date) || !(input.end instanceof Date) || isNaN(+input.start) || isNaN(+input.end)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "period_start and period_end must be valid dates")
    }
    if (input.start >= input.end) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "period_start must be before period_end")
    }
    const rows = await metricSums(sharedContext.manager, input)
    const groups: MetricMeasurement["groups"] = {}
    const empty: GroupSums = { n: 0, sum_x: 0, sum_y: 0, sum_xx: 0, sum_yy: 0, sum_xy: 0 }
    const names = input.split ? (["treatment", "holdout"] as const) : (["all"] as const)
    for (const name of names) {
      const row = rows.find((r) => r.group === name)
      const sums: GroupSums = row
        ? {
            n: Number(row.n),
            sum_x: Number(row.sum_x),
            sum_y: Number(row.sum_y),
            sum_xx: Number(row.sum_xx),
            sum_yy: Number(row.sum_yy),
            sum_xy: Number(row.sum_xy),
          }
        : empty
      groups[name] = estimateFromSums(input.metric, sums)
    }
    return { metric: input.metric, period_start: input.start, period_end: input.end, groups }
  }

  /**
   * The baseline window: `BASELINE_WINDOW_DAYS` (+ the metric's N days) ending at the store's
   * latest order in the currency, or now if that is earlier. Anchoring on the last order keeps
   * imported history measurable.
   */
  @InjectManager()
  async baselineWindow(
    input: { currency_code: string; metric: Metric; metric_window_days?: number | null; now?: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ start: Date; end: Date; days: number }> {
    const last = await lastCountedOrderAt(sharedContext.manager, input.currency_code)
    const now = input.now ?? new Date()
    // exclusive end just after the last order so that order counts
    const end = last && last.getTime() + 1000 < now.getTime() ? new Date(last.getTime() + 1000) : now
    const days =
      BASELINE_WINDOW_DAYS + (METRICS_WITH_WINDOW.includes(input.metric) ? (input.metric_window_days ?? 90) : 0)
    return { start: new Date(end.getTime() - days * DAY_MS), end, days }
  }

  /**
   * A customer's group in every active objective (the module's own hash) and the objective that
   * governs the co-purchase engine: the one that started measuring first (see docs/objectives.md,
   * "Several active objectives"). `customerId` is the id hashed: a customer id, or `anon:<id>`.
   */
  @InjectManager()
  async experimentFor(customerId: string, @MedusaContext() sharedContext: Context = {}): Promise<CustomerExperiment> {
    return experimentFor(await activeObjectives(sharedContext.manager), customerId)
  }

  /** The lift report of an objective's latest snapshot pair and the series over time, overall or for one segment. */
  @InjectManager()
  async liftReport(
    objective: LiftObjective,
    segmentId: string | null = null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LiftSeries> {
    const snapshots = await this.listObjectiveSnapshots(
      { objective_id: objective.id, segment_id: segmentId },
      { take: null },
      sharedContext
    )
    return liftSeries(objective, snapshots)
  }

  /** The latest overall lift report of each objective, by id (for progress in lists). */
  @InjectManager()
  async latestLiftReports(
    objectives: LiftObjective[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, LiftSeries>> {
    const out: Record<string, LiftSeries> = {}
    if (!objectives.length) return out
    const snapshots = await this.listObjectiveSnapshots(
      { objective_id: objectives.map((o) => o.id), segment_id: null },
      { take: null },
      sharedContext
    )
    for (const o of objectives) {
      out[o.id] = liftSeries(
        o,
        snapshots.filter((s) => s.objective_id === o.id)
      )
    }
    return out
  }

  /** Records one change (who, when, what, why) in the decision log. */
  @InjectManager()
  async logDecision(input: LogDecisionInput, @MedusaContext() sharedContext: Context = {}) {
    return await this.logDecision_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async logDecision_(input: LogDecisionInput, @MedusaContext() sharedContext: Context = {}) {
    const problems: string[] = []
    for (const key of ["entity_type", "entity_id", "action"] as const) {
      if (typeof input[key] !== "string" || !input[key]) problems.push(`${key} is required`)
    }
    if (problems.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid decision log entry: ${problems.join("; ")}`)
    }
    return await this.createDecisionLogs(
      {
        entity_type: input.entity_type,
        entity_id: input.entity_id,
        action: input.action,
        actor_id: input.actor_id ?? null,
        reason: input.reason ?? null,
        diff: input.diff ?? null,
      },
      sharedContext
    )
  }
}

export default ObjectiveModuleService
