import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

import type {
  AdminDataMapResponse,
  AdminDataSourceResponse,
  AdminPlanResponse,
  AdminRequirementLink,
  AdminRequirementResponse,
  DataSourceHolding,
  DataSourceKind,
  DataSourceSyncMethod,
  RequirementPriority,
  RequirementRole,
} from "../../types/plan"

export type {
  AdminDataMapResponse,
  AdminPlanResponse,
  DataGap,
  PlanObjective,
  PlanRequirement,
  PlanRule,
  PlanSegment,
} from "../../types/plan"

export type CreateRequirementBody = {
  role: RequirementRole
  statement: string
  acceptance_criterion: string
  priority?: RequirementPriority
  owner?: string
  objective_id?: string | null
  links?: AdminRequirementLink[]
  reason?: string
}

export type CreateDataSourceBody = {
  name: string
  kind?: DataSourceKind
  owner?: string
  description?: string
  holds?: DataSourceHolding[]
  sync_method?: DataSourceSyncMethod
  sync_interval_hours?: number
  reaches_medusa?: boolean
  last_synced_at?: string
  reason?: string
}

export const planKeys = {
  all: ["plan"] as const,
  plan: () => [...planKeys.all, "plan"] as const,
  dataMap: () => [...planKeys.all, "data-map"] as const,
}

export const usePlan = () =>
  useQuery({
    queryKey: planKeys.plan(),
    queryFn: () => sdk.client.fetch<AdminPlanResponse>("/admin/personalization/plan"),
  })

export const useDataMap = () =>
  useQuery({
    queryKey: planKeys.dataMap(),
    queryFn: () => sdk.client.fetch<AdminDataMapResponse>("/admin/data-map"),
  })

export const useCreateRequirement = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateRequirementBody) =>
      sdk.client.fetch<AdminRequirementResponse>("/admin/requirements", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: planKeys.all }),
  })
}

export const useCreateDataSource = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateDataSourceBody) =>
      sdk.client.fetch<AdminDataSourceResponse>("/admin/data-map/sources", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: planKeys.all }),
  })
}

/** The plan's exports, served by the API with the admin's session. */
export const PLAN_EXPORTS = [
  { format: "md", label: "Markdown" },
  { format: "html", label: "Printable HTML" },
] as const

export const planExportUrl = (format: string) => {
  const base = (import.meta.env.VITE_BACKEND_URL || "").replace(/\/$/, "")
  return `${base}/admin/personalization/plan?format=${format}`
}

export const useDeleteRequirement = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) =>
      sdk.client.fetch(`/admin/requirements/${id}`, { method: "DELETE", query: reason ? { reason } : {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: planKeys.all }),
  })
}

export type SetReviewBody = {
  entity_type: "objective" | "segment"
  entity_id: string
  review_by: string
  reviewed?: boolean
  reason?: string
}

export const useSetReview = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: SetReviewBody) => sdk.client.fetch("/admin/personalization/reviews", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: planKeys.all }),
  })
}
