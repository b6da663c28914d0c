import { chiSquare1UpperTail, normalQuantile, normalUpperTail } from "./normal"

/**
 * Statistics for treatment vs holdout comparisons. The unit of analysis is the customer
 * (the unit of assignment). Every metric reduces to an estimate with a standard error per
 * group; comparisons use the normal approximation (fine at the 150-per-group floor below).
 */

/** Below this many customers in either group the report says "not enough data". */
export const MIN_CUSTOMERS_PER_GROUP = 150
/** A sample-ratio mismatch is flagged when the chi-square p-value is below this. */
export const SRM_P_THRESHOLD = 0.001

export type Estimate = {
  /** number of units (customers) */
  n: number
  /** the metric value for the group */
  value: number
  /** standard error of `value` */
  std_error: number
}

/** Proportion p = successes / n with its Wald standard error sqrt(p(1-p)/n). */
export function proportionEstimate(n: number, successes: number): Estimate {
  if (n <= 0) return { n: 0, value: 0, std_error: 0 }
  const p = successes / n
  return { n, value: p, std_error: Math.sqrt((p * (1 - p)) / n) }
}

/**
 * Mean with the standard error sqrt(s^2 / n) from the sample variance s^2 (n - 1 denominator);
 * using each group's own variance makes the difference's SE Welch's unpooled SE.
 */
export function meanEstimate(n: number, mean: number, sampleVariance: number): Estimate {
  if (n <= 0) return { n: 0, value: 0, std_error: 0 }
  return { n, value: mean, std_error: Math.sqrt(Math.max(sampleVariance, 0) / n) }
}

/** Sufficient statistics of per-unit values, as SQL aggregates return them. */
export type MomentSums = { n: number; sum: number; sum_sq: number }

/** Mean and sample variance (n - 1 denominator) from sums. */
export function momentsFromSums({ n, sum, sum_sq }: MomentSums): { mean: number; variance: number } {
  if (n <= 0) return { mean: 0, variance: 0 }
  const mean = sum / n
  const variance = n > 1 ? Math.max((sum_sq - n * mean * mean) / (n - 1), 0) : 0
  return { mean, variance }
}

/** Per-unit sums for a ratio metric sum(y)/sum(x), e.g. revenue / orders over customers. */
export type RatioSums = {
  n: number
  sum_x: number
  sum_y: number
  sum_xx: number
  sum_yy: number
  sum_xy: number
}

/**
 * Ratio of means r = ybar / xbar with the delta-method standard error
 * Var(r) ~ (s_y^2 - 2 r s_xy + r^2 s_x^2) / (n xbar^2) (Deng, Knoblich & Lu, KDD 2018, eq. 3).
 * Average order value is a ratio metric when customers are randomized: orders of one
 * customer are not independent, so the naive per-order SE would be too small.
 */
export function ratioEstimate(s: RatioSums): Estimate {
  const { n } = s
  if (n <= 0 || s.sum_x === 0) return { n: Math.max(n, 0), value: 0, std_error: 0 }
  const xbar = s.sum_x / n
  const ybar = s.sum_y / n
  const r = ybar / xbar
  if (n < 2) return { n, value: r, std_error: 0 }
  const sxx = (s.sum_xx - n * xbar * xbar) / (n - 1)
  const syy = (s.sum_yy - n * ybar * ybar) / (n - 1)
  const sxy = (s.sum_xy - n * xbar * ybar) / (n - 1)
  const variance = (syy - 2 * r * sxy + r * r * sxx) / (n * xbar * xbar)
  return { n, value: r, std_error: Math.sqrt(Math.max(variance, 0)) }
}

export type Comparison = {
  /** treatment value minus holdout value */
  difference: number
  std_error: number
  ci_low: number
  ci_high: number
  confidence: number
  /** difference / holdout value; null when the holdout value is 0 */
  relative_lift: number | null
  relative_ci_low: number | null
  relative_ci_high: number | null
  z: number | null
  /** two-sided p-value of "no difference" */
  p_value: number | null
}

/** Difference of two independent estimates with a two-sided normal interval. */
export function compareEstimates(treatment: Estimate, holdout: Estimate, confidence = 0.95): Comparison {
  const difference = treatment.value - holdout.value
  const se = Math.sqrt(treatment.std_error ** 2 + holdout.std_error ** 2)
  const zc = normalQuantile(1 - (1 - confidence) / 2)
  const ci_low = difference - zc * se
  const ci_high = difference + zc * se
  const base = holdout.value
  const z = se > 0 ? difference / se : null
  return {
    difference,
    std_error: se,
    ci_low,
    ci_high,
    confidence,
    relative_lift: base !== 0 ? difference / base : null,
    relative_ci_low: base !== 0 ? ci_low / base : null,
    relative_ci_high: base !== 0 ? ci_high / base : null,
    z,
    p_value: z === null ? null : Math.min(1, 2 * normalUpperTail(Math.abs(z))),
  }
}

/** Difference of proportions (unpooled Wald SE). */
export function compareProportions(
  t: { n: number; successes: number },
  h: { n: number; successes: number },
  confidence = 0.95
): Comparison {
  return compareEstimates(proportionEstimate(t.n, t.successes), proportionEstimate(h.n, h.successes), confidence)
}

/** Difference of means with Welch's unpooled SE. */
export function compareMeans(
  t: { n: number; mean: number; variance: number },
  h: { n: number; mean: number; variance: number },
  confidence = 0.95
): Comparison {
  return compareEstimates(meanEstimate(t.n, t.mean, t.variance), meanEstimate(h.n, h.mean, h.variance), confidence)
}

/**
 * Minimum detectable effect (absolute) for the current samples:
 * (z_{1-alpha/2} + z_{power}) * SE of the difference.
 */
export function minimumDetectableEffect(
  treatment: Estimate,
  holdout: Estimate,
  { alpha = 0.05, power = 0.8 }: { alpha?: number; power?: number } = {}
): number {
  const se = Math.sqrt(treatment.std_error ** 2 + holdout.std_error ** 2)
  return (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * se
}

export type SrmCheck = {
  expected_holdout_share: number
  observed_holdout_share: number | null
  chi_square: number
  p_value: number
  mismatch: boolean
}

/** Sample-ratio mismatch: chi-square goodness of fit (1 df) of the group sizes to the planned split. */
export function sampleRatioMismatch(nTreatment: number, nHoldout: number, holdoutShare: number): SrmCheck {
  const total = nTreatment + nHoldout
  if (total === 0 || holdoutShare <= 0 || holdoutShare >= 1) {
    return {
      expected_holdout_share: holdoutShare,
      observed_holdout_share: null,
      chi_square: 0,
      p_value: 1,
      mismatch: false,
    }
  }
  const eh = total * holdoutShare
  const et = total - eh
  const chi = (nTreatment - et) ** 2 / et + (nHoldout - eh) ** 2 / eh
  const p = chiSquare1UpperTail(chi)
  return {
    expected_holdout_share: holdoutShare,
    observed_holdout_share: nHoldout / total,
    chi_square: chi,
    p_value: p,
    mismatch: p < SRM_P_THRESHOLD,
  }
}

/**
 * Total customers N (both groups) needed to detect an absolute effect `effect` on a metric
 * with per-customer standard deviation `sd`, with a holdout share h:
 * N = ((z_{1-alpha/2} + z_power) * sd / effect)^2 * (1/h + 1/(1-h)),
 * and at least MIN_CUSTOMERS_PER_GROUP in the smaller group.
 */
export function requiredSampleSize({
  sd,
  effect,
  holdout_share,
  alpha = 0.05,
  power = 0.8,
}: {
  sd: number
  effect: number
  holdout_share: number
  alpha?: number
  power?: number
}): { total: number; treatment: number; holdout: number } | null {
  if (!(effect !== 0) || !(sd >= 0) || !(holdout_share > 0 && holdout_share < 1)) return null
  const k = (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * (sd / Math.abs(effect))
  const smaller = Math.min(holdout_share, 1 - holdout_share)
  const byPower = k * k * (1 / holdout_share + 1 / (1 - holdout_share))
  const byFloor = MIN_CUSTOMERS_PER_GROUP / smaller
  const total = Math.ceil(Math.max(byPower, byFloor))
  const holdout = Math.ceil(total * holdout_share)
  return { total, treatment: total - holdout, holdout }
}

/**
 * Days needed to detect the effect when `customers_per_day` new customers enter the
 * experiment per day. null when the store has no traffic or the effect is zero.
 */
export function daysToDetect(args: {
  sd: number
  effect: number
  holdout_share: number
  customers_per_day: number
  alpha?: number
  power?: number
}): { days: number; required: { total: number; treatment: number; holdout: number } } | null {
  const required = requiredSampleSize(args)
  if (!required || !(args.customers_per_day > 0)) return null
  return { days: Math.ceil(required.total / args.customers_per_day), required }
}

export type Verdict =
  "not_enough_data" | "sample_ratio_mismatch" | "treatment_wins" | "holdout_wins" | "no_significant_difference"

/**
 * The verdict of a lift report. "Wins" means better for the objective's direction
 * (for a "decrease" objective a significantly lower treatment value wins).
 */
export function verdictFor({
  treatment_n,
  holdout_n,
  comparison,
  srm,
  direction,
}: {
  treatment_n: number
  holdout_n: number
  comparison: Comparison
  srm: SrmCheck
  direction: "increase" | "decrease"
}): { verdict: Verdict; message: string } {
  if (treatment_n < MIN_CUSTOMERS_PER_GROUP || holdout_n < MIN_CUSTOMERS_PER_GROUP) {
    return {
      verdict: "not_enough_data",
      message: `Not enough data: ${treatment_n} treatment and ${holdout_n} holdout customers; at least ${MIN_CUSTOMERS_PER_GROUP} per group are needed before naming a winner.`,
    }
  }
  if (srm.mismatch) {
    return {
      verdict: "sample_ratio_mismatch",
      message: `Sample ratio mismatch (chi-square ${srm.chi_square.toFixed(2)}, p = ${srm.p_value.toExponential(2)}): the groups are not split as planned, so the lift cannot be trusted.`,
    }
  }
  const sign = direction === "decrease" ? -1 : 1
  if (comparison.ci_low > 0 || comparison.ci_high < 0) {
    const better = sign * comparison.difference > 0
    return {
      verdict: better ? "treatment_wins" : "holdout_wins",
      message: better
        ? "The personalized experience is better than the holdout; the 95% interval excludes 0."
        : "The holdout is better than the personalized experience; the 95% interval excludes 0.",
    }
  }
  return {
    verdict: "no_significant_difference",
    message: "No significant difference: the 95% interval covers 0.",
  }
}
