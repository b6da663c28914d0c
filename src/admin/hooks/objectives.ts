import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

import type {
  AdminCreateObjectiveBody,
  AdminDecision,
  AdminDecisionListResponse,
  AdminLiftReport,
  AdminLiftSeriesPoint,
  AdminObjective,
  AdminObjectiveLiftResponse,
  AdminObjectiveListResponse,
  AdminObjectiveMetric,
  AdminObjectiveResponse,
  AdminObjectiveVerdict,
  AdminRecomputeBaselineBody,
} from "../../types/objectives"

export type Metric = AdminObjectiveMetric
export type Verdict = AdminObjectiveVerdict
export type Objective = AdminObjective
export type LiftReport = AdminLiftReport
export type SeriesPoint = AdminLiftSeriesPoint
export type LiftResponse = AdminObjectiveLiftResponse
export type Decision = AdminDecision
export type CreateObjectiveBody = AdminCreateObjectiveBody
export type RecomputeBaselineBody = AdminRecomputeBaselineBody

export const METRIC_LABELS: Record<Metric, string> = {
  conversion_rate: "Conversion rate",
  average_order_value: "Average order value",
  repeat_purchase_rate: "Repeat-purchase rate within N days",
  revenue_per_customer: "Revenue per customer",
  customer_lifetime_value: "Customer lifetime value over N days",
}
export const WINDOWED: Metric[] = ["repeat_purchase_rate", "customer_lifetime_value"]
export const RATE_METRICS: Metric[] = ["conversion_rate", "repeat_purchase_rate"]

/** Who made a decision, for people: "Name (email)", else the email, else the raw id. */
export function actorLabel(d: Pick<Decision, "actor" | "actor_id">): string {
  if (d.actor?.name && d.actor.email) return `${d.actor.name} (${d.actor.email})`
  return d.actor?.email ?? d.actor?.name ?? d.actor_id ?? "—"
}

const ENTITY_LABEL: Record<string, string> = { recommendation_rule: "rule", data_source: "data source" }

/** What a decision is about, for people: "segment Loyal customers", else the type and id. */
export function entityLabel(d: Pick<Decision, "entity_type" | "entity_id" | "entity_name">): string {
  return `${ENTITY_LABEL[d.entity_type] ?? d.entity_type} ${d.entity_name ?? d.entity_id}`
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
      sdk.client.fetch<AdminObjectiveListResponse>("/admin/objectives", {
        query: { limit: q.limit ?? 50, offset: q.offset ?? 0 },
      }),
  })

export const useObjective = (id: string) =>
  useQuery({
    queryKey: objectiveKeys.detail(id),
    queryFn: () => sdk.client.fetch<AdminObjectiveResponse>(`/admin/objectives/${id}`),
  })

export const useObjectiveLift = (id: string) =>
  useQuery({
    queryKey: objectiveKeys.lift(id),
    queryFn: () => sdk.client.fetch<AdminObjectiveLiftResponse>(`/admin/objectives/${id}/lift`),
  })

export const useDecisionLog = (q: { entity_type?: string; entity_id?: string; limit?: number }) =>
  useQuery({
    queryKey: objectiveKeys.decisions(q),
    queryFn: () =>
      sdk.client.fetch<AdminDecisionListResponse>("/admin/decision-log", {
        query: { ...q, limit: q.limit ?? 50 },
      }),
  })

export const useCreateObjective = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateObjectiveBody) =>
      sdk.client.fetch<AdminObjectiveResponse>("/admin/objectives", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: objectiveKeys.all }),
  })
}

export const useUpdateObjective = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: Partial<CreateObjectiveBody>) =>
      sdk.client.fetch<AdminObjectiveResponse>(`/admin/objectives/${id}`, { method: "POST", body }),
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

/** Recompute the baseline (stored window unless one is given); `force` is required once measurement started. */
export const useRecomputeBaseline = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: RecomputeBaselineBody) =>
      sdk.client.fetch<AdminObjectiveResponse>(`/admin/objectives/${id}/baseline`, { method: "POST", body }),
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
