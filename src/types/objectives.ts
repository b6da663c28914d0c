/**
 * The objective and decision-log admin API's request and response shapes, as they travel over the
 * wire (dates as ISO strings). Shared by the API routes (`src/api/admin/objectives`,
 * `src/api/admin/decision-log`) and the admin hooks (`src/admin/hooks/objectives.ts`).
 */

export type AdminObjectiveMetric =
  | "conversion_rate"
  | "average_order_value"
  | "repeat_purchase_rate"
  | "revenue_per_customer"
  | "customer_lifetime_value"

export type AdminObjectiveVerdict =
  "not_enough_data" | "sample_ratio_mismatch" | "treatment_wins" | "holdout_wins" | "no_significant_difference"

export type AdminObjectiveStatus = "draft" | "active" | "achieved" | "abandoned"

/** The sample-size plan stored with an objective when its baseline is computed. */
export type AdminObjectivePlan = {
  customers_in_window?: number
  window_days?: number
  customers_per_day?: number
  days_to_detect?: number | null
  required_customers?: { total: number; treatment: number; holdout: number } | null
  effect?: number | null
  note?: string | null
  warning?: string | null
}

/** A segment or rule linked to an objective. */
export type AdminObjectiveLink = { id: string; name: string; status: string }

export type AdminObjective = {
  id: string
  name: string
  business_outcome: string | null
  metric: AdminObjectiveMetric
  metric_window_days: number | null
  direction: "increase" | "decrease"
  currency_code: string
  baseline: number | null
  baseline_n: number | null
  baseline_window_start: string | null
  baseline_window_end: string | null
  baseline_computed_at: string | null
  target: number | null
  holdout_share: number
  status: AdminObjectiveStatus
  started_at: string | null
  owner_id: string | null
  rationale: string | null
  deadline: string | null
  plan: AdminObjectivePlan | null
  created_at: string
  segments?: AdminObjectiveLink[]
  recommendation_rules?: AdminObjectiveLink[]
  /** The latest lift, on `GET /admin/objectives` only. */
  latest?: {
    treatment_value: number
    holdout_value: number
    difference: number
    verdict: AdminObjectiveVerdict
    progress_to_target: number | null
  } | null
}

export type AdminLiftGroup = { n: number; value: number; std_error: number; successes: number | null }

export type AdminLiftReport = {
  treatment: AdminLiftGroup
  holdout: AdminLiftGroup
  comparison: {
    difference: number
    std_error: number
    ci_low: number
    ci_high: number
    relative_lift: number | null
    relative_ci_low: number | null
    relative_ci_high: number | null
    p_value: number | null
  }
  minimum_detectable_effect: number
  srm: {
    chi_square: number
    p_value: number
    mismatch: boolean
    observed_holdout_share: number | null
    expected_holdout_share: number
  }
  verdict: AdminObjectiveVerdict
  message: string
  progress_to_target: number | null
}

export type AdminLiftSeriesPoint = {
  period_end: string
  treatment: { n: number; value: number; ci_low: number; ci_high: number }
  holdout: { n: number; value: number; ci_low: number; ci_high: number }
  difference: number
  ci_low: number
  ci_high: number
}

/** `GET /admin/objectives/:id/lift`. */
export type AdminObjectiveLiftResponse = {
  objective_id: string
  segment_id: string | null
  period: { start: string; end: string } | null
  report: AdminLiftReport | null
  series: AdminLiftSeriesPoint[]
  message: string
}

/** A decision-log entry with who made it and what it is about, for people. */
export type AdminDecision = {
  id: string
  entity_type: string
  entity_id: string
  action: string
  actor_id: string | null
  /** the admin user behind actor_id (null for changes made by scripts or deleted users) */
  actor: { id: string; email: string | null; name: string | null } | null
  /** the segment, objective or rule's name (null when unknown) */
  entity_name: string | null
  reason: string | null
  diff: Record<string, unknown> | null
  created_at: string
}

/** The body of `POST /admin/objectives` (and, partially, `POST /admin/objectives/:id`). */
export type AdminCreateObjectiveBody = {
  name: string
  metric: AdminObjectiveMetric
  business_outcome?: string
  metric_window_days?: number
  direction?: "increase" | "decrease"
  target?: number
  holdout_share?: number
  status?: AdminObjectiveStatus
  rationale?: string
  deadline?: string
  reason?: string
}

/** The body of `POST /admin/objectives/:id/baseline`. */
export type AdminRecomputeBaselineBody = {
  baseline_window_start?: string
  baseline_window_end?: string
  force?: boolean
  reason?: string
}

type Page = { count: number; offset: number; limit: number }

export type AdminObjectiveResponse = { objective: AdminObjective }
export type AdminObjectiveListResponse = { objectives: AdminObjective[] } & Page
export type AdminDecisionListResponse = { decisions: AdminDecision[] } & Page
