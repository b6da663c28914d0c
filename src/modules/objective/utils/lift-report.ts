import { Metric, METRIC_KIND } from "./metric-sql"
import {
  compareEstimates,
  Comparison,
  Estimate,
  meanEstimate,
  minimumDetectableEffect,
  momentsFromSums,
  proportionEstimate,
  ratioEstimate,
  RatioSums,
  sampleRatioMismatch,
  SrmCheck,
  Verdict,
  verdictFor,
} from "./stats"

export type GroupSums = RatioSums
export type GroupMeasurement = Estimate & { successes: number | null; sums: GroupSums }

/** Turns one group's sums into the metric's estimate (proportion, Welch mean or delta-method ratio). */
export function estimateFromSums(metric: Metric, s: GroupSums): GroupMeasurement {
  const kind = METRIC_KIND[metric]
  if (kind === "proportion") {
    return { ...proportionEstimate(s.n, s.sum_y), successes: Math.round(s.sum_y), sums: s }
  }
  if (kind === "mean") {
    const m = momentsFromSums({ n: s.n, sum: s.sum_y, sum_sq: s.sum_yy })
    return { ...meanEstimate(s.n, m.mean, m.variance), successes: null, sums: s }
  }
  return { ...ratioEstimate(s), successes: null, sums: s }
}

export type LiftReport = {
  metric: Metric
  direction: "increase" | "decrease"
  treatment: GroupMeasurement
  holdout: GroupMeasurement
  comparison: Comparison
  /** smallest absolute effect detectable with 80% power at alpha 0.05 with these samples */
  minimum_detectable_effect: number
  srm: SrmCheck
  verdict: Verdict
  message: string
  baseline: number | null
  target: number | null
  /** (treatment - baseline) / (target - baseline); null without baseline/target */
  progress_to_target: number | null
}

/** The lift report of one treatment/holdout pair of sums. */
export function buildLiftReport(args: {
  metric: Metric
  direction: "increase" | "decrease"
  holdout_share: number
  baseline?: number | null
  target?: number | null
  treatment: GroupSums
  holdout: GroupSums
}): LiftReport {
  const treatment = estimateFromSums(args.metric, args.treatment)
  const holdout = estimateFromSums(args.metric, args.holdout)
  const comparison = compareEstimates(treatment, holdout)
  const srm = sampleRatioMismatch(treatment.n, holdout.n, args.holdout_share)
  const { verdict, message } = verdictFor({
    treatment_n: treatment.n,
    holdout_n: holdout.n,
    comparison,
    srm,
    direction: args.direction,
  })
  const baseline = args.baseline ?? null
  const target = args.target ?? null
  const progress =
    baseline !== null && target !== null && target !== baseline && treatment.n > 0
      ? (treatment.value - baseline) / (target - baseline)
      : null
  return {
    metric: args.metric,
    direction: args.direction,
    treatment,
    holdout,
    comparison,
    minimum_detectable_effect: minimumDetectableEffect(treatment, holdout),
    srm,
    verdict,
    message,
    baseline,
    target,
    progress_to_target: progress,
  }
}
