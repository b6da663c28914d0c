/**
 * The data-audit admin API's response shapes, as they arrive over the wire (dates as ISO strings).
 * Shared by the API routes (`src/api/admin/data-audit`) and the admin hooks (`src/admin/hooks/data-audit.ts`).
 */
import type { Area, AuditCheck, Blocks, Severity } from "../modules/data_audit/checks/types"

export type { Area, Blocks, Severity }

export type AuditRunStatus = "pending" | "running" | "completed" | "failed"

/** A stored finding with its check's description (`withCheck`). */
export type AdminAuditFinding = {
  id: string
  run_id: string
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
  sample_entity: AuditCheck["sample_entity"]
  blocks: Blocks
  details: Record<string, unknown> | null
  measured: string | null
  remediation: string | null
}

/** An audit run with its progress (0..1); `findings` only on `GET /admin/data-audit/runs/:id`. */
export type AdminAuditRun = {
  id: string
  status: AuditRunStatus
  trigger: string
  options: Record<string, unknown> | null
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
  findings?: AdminAuditFinding[]
}

/** A product-level check that fails for one product now (`ProductGap` of the module service). */
export type AdminProductGap = {
  check_id: string
  title: string
  severity: Severity
  remediation: string
  blocks: Blocks
}

/** One point of a check's trend over completed runs (`listCheckTrend`). */
export type AdminCheckTrendPoint = {
  run_id: string
  finished_at: string | null
  run_score: number | null
  subject_id: string | null
  affected: number
  total: number
  share: number
}

/** A check's metadata (`describeCheck`): everything but its measurement. */
export type AdminAuditCheck = Omit<AuditCheck, "run">

export type AdminAuditRunListResponse = { audit_runs: AdminAuditRun[]; count: number; offset: number; limit: number }
export type AdminAuditRunResponse = { audit_run: AdminAuditRun }
export type AdminProductGapsResponse = { product_id: string; gaps: AdminProductGap[] }
export type AdminCheckTrendResponse = { check: AdminAuditCheck; trend: AdminCheckTrendPoint[] }
export type AdminAuditChecksResponse = { checks: AdminAuditCheck[]; count: number }
