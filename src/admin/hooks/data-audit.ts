import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

export type Severity = "info" | "low" | "medium" | "high"
export type Area = "customers" | "orders" | "products" | "coverage" | "readiness"

export type Blocks = { segment_attributes: string[]; objective_metrics: string[]; strategies: string[] }

export type AuditFinding = {
  id: string
  check_id: string
  title: string
  area: Area
  entity: string
  severity: Severity
  subject_id: string | null
  subject_label: string | null
  affected: number
  total: number
  share: number
  sample_ids: string[]
  sample_entity: "customer" | "order" | "product" | "segment" | "objective" | "none"
  blocks: Blocks
  details: Record<string, unknown> | null
  measured: string | null
  remediation: string | null
}

export type AuditRun = {
  id: string
  status: "pending" | "running" | "completed" | "failed"
  trigger: string
  started_at: string | null
  finished_at: string | null
  created_at: string
  score: number | null
  area_scores: Partial<Record<Area, number | null>> | null
  checks_total: number
  checks_done: number
  current_check: string | null
  progress: number
  error: string | null
  findings?: AuditFinding[]
}

export type ProductGap = { check_id: string; title: string; severity: Severity; remediation: string; blocks: Blocks }

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
      sdk.client.fetch<{ audit_runs: AuditRun[]; count: number }>("/admin/data-audit/runs", {
        query: { limit },
      }),
    refetchInterval: (q) => (q.state.data?.audit_runs.some(isActive) ? 1000 : false),
  })

export const useAuditRun = (id?: string) =>
  useQuery({
    queryKey: dataAuditKeys.run(id ?? ""),
    queryFn: () => sdk.client.fetch<{ audit_run: AuditRun }>(`/admin/data-audit/runs/${id}`),
    enabled: !!id,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (isActive(q.state.data?.audit_run) ? 1000 : false),
  })

export const useStartAudit = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { stale_days?: number } = {}) =>
      sdk.client.fetch<{ audit_run: AuditRun }>("/admin/data-audit/runs", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: dataAuditKeys.all }),
  })
}

export const useProductGaps = (productId: string) =>
  useQuery({
    queryKey: dataAuditKeys.productGaps(productId),
    queryFn: () =>
      sdk.client.fetch<{ product_id: string; gaps: ProductGap[] }>(`/admin/data-audit/products/${productId}/gaps`),
  })

export type TrendPoint = {
  run_id: string
  finished_at: string | null
  run_score: number | null
  affected: number
  total: number
  share: number
}

export const useCheckTrend = (checkId: string, subjectId?: string | null, enabled = true) =>
  useQuery({
    queryKey: dataAuditKeys.trend(checkId, subjectId),
    queryFn: () =>
      sdk.client.fetch<{ trend: TrendPoint[] }>(`/admin/data-audit/checks/${checkId}/trend`, {
        query: subjectId ? { subject_id: subjectId } : {},
      }),
    enabled,
  })
