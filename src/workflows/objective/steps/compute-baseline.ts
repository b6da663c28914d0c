import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { Metric, METRICS_WITH_WINDOW } from "../../../modules/objective/utils/metric-sql"
import { daysToDetect } from "../../../modules/objective/utils/stats"

export type ComputeBaselineInput = {
  metric: Metric
  currency_code: string
  metric_window_days?: number | null
  holdout_share: number
  direction?: "increase" | "decrease"
  target?: number | null
  baseline_window_start?: Date | null
  baseline_window_end?: Date | null
}

export type BaselineResult = {
  baseline: number | null
  baseline_n: number
  baseline_window_start: Date
  baseline_window_end: Date
  baseline_computed_at: Date
  plan: Record<string, unknown>
}

const DAY_MS = 86400000

/** Computes a baseline from the store's own orders and estimates the days needed to detect the target. */
export async function computeBaseline(
  service: ObjectiveModuleService,
  input: ComputeBaselineInput
): Promise<BaselineResult> {
  // workflow inputs are serialized: dates may arrive as ISO strings
  let start = input.baseline_window_start ? new Date(input.baseline_window_start) : null
  let end = input.baseline_window_end ? new Date(input.baseline_window_end) : null
  if (!start || !end) {
    const w = await service.baselineWindow({
      currency_code: input.currency_code,
      metric: input.metric,
      metric_window_days: input.metric_window_days,
    })
    end = end ?? w.end
    start = start ?? new Date(end.getTime() - w.days * DAY_MS)
  }
  const m = await service.measureMetric({
    metric: input.metric,
    currency_code: input.currency_code,
    start,
    end,
    window_days: input.metric_window_days,
  })
  const all = m.groups.all!
  const windowDays = (end.getTime() - start.getTime()) / DAY_MS
  // cohort metrics only enrol customers during the window minus the N days they are followed
  const enrolDays = METRICS_WITH_WINDOW.includes(input.metric)
    ? Math.max(windowDays - (input.metric_window_days ?? 90), 1)
    : windowDays
  const customersPerDay = all.n / enrolDays
  const sd = all.std_error * Math.sqrt(all.n)
  const baseline = all.n > 0 ? all.value : null
  const plan: Record<string, unknown> = {
    customers_in_window: all.n,
    window_days: Math.round(windowDays * 100) / 100,
    customers_per_day: customersPerDay,
    sd_per_customer: sd,
    alpha: 0.05,
    power: 0.8,
    days_to_detect: null,
    required_customers: null,
    effect: null,
    note: null,
    warning: null,
  }
  if (baseline === null) {
    plan.note = "No orders in the baseline window: the baseline and the days to detect cannot be estimated."
  } else if (input.target === null || input.target === undefined) {
    plan.note = "No target: set one to estimate how many days are needed to detect it."
  } else {
    const effect = input.target - baseline
    plan.effect = effect
    const wrongSide = input.direction === "decrease" ? effect > 0 : effect < 0
    if (wrongSide) {
      plan.warning = `The target is ${effect > 0 ? "above" : "below"} the baseline, but the objective aims to ${input.direction ?? "increase"} the metric.`
    }
    const d = daysToDetect({ sd, effect, holdout_share: input.holdout_share, customers_per_day: customersPerDay })
    if (d) {
      plan.days_to_detect = d.days
      plan.required_customers = d.required
    } else {
      plan.note =
        effect === 0
          ? "The target equals the baseline: there is no effect to detect."
          : "No traffic in the baseline window."
    }
  }
  return {
    baseline,
    baseline_n: all.n,
    baseline_window_start: start,
    baseline_window_end: end,
    baseline_computed_at: new Date(),
    plan,
  }
}

export const computeBaselineStepId = "compute-objective-baseline"

/** Reads the store's history to compute the baseline and the planning estimate (no writes). */
export const computeBaselineStep = createStep(
  computeBaselineStepId,
  async (input: ComputeBaselineInput, { container }) => {
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    return new StepResponse(await computeBaseline(service, input))
  }
)
