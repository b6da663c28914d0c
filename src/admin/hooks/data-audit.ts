import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

import type {
  AdminAuditFinding,
  AdminAuditRun,
  AdminAuditRunListResponse,
  AdminAuditRunResponse,
  AdminCheckTrendPoint,
  AdminCheckTrendResponse,
  AdminProductGap,
  AdminProductGapsResponse,
} from "../../types/data-audit"

export type { Area, Blocks, Severity } from "../../types/data-audit"
export type AuditFinding = AdminAuditFinding
export type AuditRun = AdminAuditRun
export type ProductGap = AdminProductGap
export type TrendPoint = AdminCheckTrendPoint

export const dataAuditKeys = {
  all: ["data-audit"] as const,
  runs: (limit: number) => [...dataAuditKeys.all, "runs", limit] as const,
  run: (id: string) => [...dataAuditKeys.all, "run", id] as const,
  productGaps: (id: string) => [...dataAuditKeys.all, "product-gaps", id] as const,
  trend: (checkId: string, subjectId?: string | null) =>
    [...dataAuditKeys.all, "trend", checkId, subjectId ?? ""] as const,
}

const isActive = (run?: AuditRun) => run?.status === "pending" || run?.status === "running"

export const useAuditRuns = (limit = 30) =>
  useQuery({
    queryKey: dataAuditKeys.runs(limit),
    queryFn: () =>
      sdk.client.fetch<AdminAuditRunListResponse>("/admin/data-audit/runs", {
        query: { limit },
      }),
    refetchInterval: (q) => (q.state.data?.audit_runs.some(isActive) ? 1000 : false),
  })

export const useAuditRun = (id?: string) =>
  useQuery({
    queryKey: dataAuditKeys.run(id ?? ""),
    queryFn: () => sdk.client.fetch<AdminAuditRunResponse>(`/admin/data-audit/runs/${id}`),
    enabled: !!id,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (isActive(q.state.data?.audit_run) ? 1000 : false),
  })

export const useStartAudit = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { stale_days?: number } = {}) =>
      sdk.client.fetch<AdminAuditRunResponse>("/admin/data-audit/runs", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: dataAuditKeys.all }),
  })
}

export const useProductGaps = (productId: string) =>
  useQuery({
    queryKey: dataAuditKeys.productGaps(productId),
    queryFn: () => sdk.client.fetch<AdminProductGapsResponse>(`/admin/data-audit/products/${productId}/gaps`),
  })

export const useCheckTrend = (checkId: string, subjectId?: string | null, enabled = true) =>
  useQuery({
    queryKey: dataAuditKeys.trend(checkId, subjectId),
    queryFn: () =>
      sdk.client.fetch<AdminCheckTrendResponse>(`/admin/data-audit/checks/${checkId}/trend`, {
        query: subjectId ? { subject_id: subjectId } : {},
      }),
    enabled,
  })
