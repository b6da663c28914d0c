import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

export type Metric =
  | "conversion_rate"
  | "average_order_value"
  | "repeat_purchase_rate"
  | "revenue_per_customer"
  | "customer_lifetime_value"

export const METRIC_LABELS: Record<Metric, string> = {
  conversion_rate: "Conversion rate",
  average_order_value: "Average order value",
  repeat_purchase_rate: "Repeat-purchase rate within N days",
  revenue_per_customer: "Revenue per customer",
  customer_lifetime_value: "Customer lifetime value over N days",
}
export const WINDOWED: Metric[] = ["repeat_purchase_rate", "customer_lifetime_value"]
export const RATE_METRICS: Metric[] = ["conversion_rate", "repeat_purchase_rate"]

export type Objective = {
  id: string
  name: string
  business_outcome: string | null
  metric: Metric
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
  status: "draft" | "active" | "achieved" | "abandoned"
  started_at: string | null
  owner_id: string | null
  rationale: string | null
  deadline: string | null
  plan: {
    customers_in_window?: number
    window_days?: number
    customers_per_day?: number
    days_to_detect?: number | null
    required_customers?: { total: number; treatment: number; holdout: number } | null
    effect?: number | null
    note?: string | null
    warning?: string | null
  } | null
  created_at: string
  segments?: { id: string; name: string; status: string }[]
  recommendation_rules?: { id: string; name: string; status: string }[]
  latest?: {
    treatment_value: number
    holdout_value: number
    difference: number
    verdict: Verdict
    progress_to_target: number | null
  } | null
}

export type Verdict =
  "not_enough_data" | "sample_ratio_mismatch" | "treatment_wins" | "holdout_wins" | "no_significant_difference"

type Group = { n: number; value: number; std_error: number; successes: number | null }
export type LiftReport = {
  treatment: Group
  holdout: Group
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
  verdict: Verdict
  message: string
  progress_to_target: number | null
}
export type SeriesPoint = {
  period_end: string
  treatment: { n: number; value: number; ci_low: number; ci_high: number }
  holdout: { n: number; value: number; ci_low: number; ci_high: number }
  difference: number
  ci_low: number
  ci_high: number
}
export type LiftResponse = {
  period: { start: string; end: string } | null
  report: LiftReport | null
  series: SeriesPoint[]
  message: string
}
export type Decision = {
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

/** Who made a decision, for people: "Name (email)", else the email, else the raw id. */
export function actorLabel(d: Pick<Decision, "actor" | "actor_id">): string {
  if (d.actor?.name && d.actor.email) return `${d.actor.name} (${d.actor.email})`
  return d.actor?.email ?? d.actor?.name ?? d.actor_id ?? "—"
}

const ENTITY_LABEL: Record<string, string> = { recommendation_rule: "rule" }

/** What a decision is about, for people: "segment Loyal customers", else the type and id. */
export function entityLabel(d: Pick<Decision, "entity_type" | "entity_id" | "entity_name">): string {
  return `${ENTITY_LABEL[d.entity_type] ?? d.entity_type} ${d.entity_name ?? d.entity_id}`
}

export type CreateObjectiveBody = {
  name: string
  metric: Metric
  business_outcome?: string
  metric_window_days?: number
  direction?: "increase" | "decrease"
  target?: number
  holdout_share?: number
  status?: Objective["status"]
  rationale?: string
  deadline?: string
  reason?: string
}

export const objectiveKeys = {
  all: ["objectives"] as const,
  list: (q: Record<string, unknown>) => [...objectiveKeys.all, "list", q] as const,
  detail: (id: string) => [...objectiveKeys.all, "detail", id] as const,
  lift: (id: string) => [...objectiveKeys.all, "lift", id] as const,
  decisions: (q: Record<string, unknown>) => [...objectiveKeys.all, "decisions", q] as const,
}

export const useObjectives = (q: { limit?: number; offset?: number } = {}) =>
  useQuery({
    queryKey: objectiveKeys.list(q),
    queryFn: () =>
      sdk.client.fetch<{ objectives: Objective[]; count: number }>("/admin/objectives", {
        query: { limit: q.limit ?? 50, offset: q.offset ?? 0 },
      }),
  })

export const useObjective = (id: string) =>
  useQuery({
    queryKey: objectiveKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ objective: Objective }>(`/admin/objectives/${id}`),
  })

export const useObjectiveLift = (id: string) =>
  useQuery({
    queryKey: objectiveKeys.lift(id),
    queryFn: () => sdk.client.fetch<LiftResponse>(`/admin/objectives/${id}/lift`),
  })

export const useDecisionLog = (q: { entity_type?: string; entity_id?: string; limit?: number }) =>
  useQuery({
    queryKey: objectiveKeys.decisions(q),
    queryFn: () =>
      sdk.client.fetch<{ decisions: Decision[]; count: number }>("/admin/decision-log", {
        query: { ...q, limit: q.limit ?? 50 },
      }),
  })

export const useCreateObjective = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateObjectiveBody) =>
      sdk.client.fetch<{ objective: Objective }>("/admin/objectives", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: objectiveKeys.all }),
  })
}

export const useUpdateObjective = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: Partial<CreateObjectiveBody>) =>
      sdk.client.fetch<{ objective: Objective }>(`/admin/objectives/${id}`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: objectiveKeys.all }),
  })
}

export const useTakeSnapshot = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch(`/admin/objectives/${id}/snapshots`, { method: "POST", body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: objectiveKeys.all }),
  })
}

export type RecomputeBaselineBody = {
  baseline_window_start?: string
  baseline_window_end?: string
  force?: boolean
  reason?: string
}

/** Recompute the baseline (stored window unless one is given); `force` is required once measurement started. */
export const useRecomputeBaseline = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: RecomputeBaselineBody) =>
      sdk.client.fetch<{ objective: Objective }>(`/admin/objectives/${id}/baseline`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: objectiveKeys.all }),
  })
}

/** A metric value for people: rates as percentages, money in the objective's currency. */
export function formatMetric(metric: Metric, value: number | null | undefined, currency: string) {
  if (value === null || value === undefined || Number.isNaN(value)) return "—"
  if (RATE_METRICS.includes(metric)) return `${(value * 100).toFixed(2)}%`
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() }).format(value)
}

/** A difference: percentage points for rates, money otherwise. */
export function formatDifference(metric: Metric, value: number, currency: string) {
  const sign = value > 0 ? "+" : ""
  if (RATE_METRICS.includes(metric)) return `${sign}${(value * 100).toFixed(2)} pp`
  return `${sign}${formatMetric(metric, value, currency)}`
}

export const VERDICT_LABEL: Record<Verdict, { label: string; color: "green" | "red" | "orange" | "grey" }> = {
  not_enough_data: { label: "Not enough data", color: "grey" },
  sample_ratio_mismatch: { label: "Sample ratio mismatch", color: "red" },
  treatment_wins: { label: "Personalization wins", color: "green" },
  holdout_wins: { label: "Holdout wins", color: "red" },
  no_significant_difference: { label: "No significant difference", color: "orange" },
}
