import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { DATA_AUDIT_MODULE } from "../../../../modules/data_audit"
import type DataAuditModuleService from "../../../../modules/data_audit/service"
import { startDataAudit } from "../../../../workflows/data-audit/start-data-audit"
import { progressOf } from "../helpers"
import type { AdminListAuditRunsType, AdminStartAuditRunType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListAuditRunsType>, res: MedusaResponse) => {
  const service: DataAuditModuleService = req.scope.resolve(DATA_AUDIT_MODULE)
  const { limit, offset, status } = req.validatedQuery as AdminListAuditRunsType
  const [runs, count] = await service.listAndCountAuditRuns(status ? { status } : {}, {
    order: { created_at: "DESC" },
    take: limit,
    skip: offset,
  })
  res.json({
    audit_runs: runs.map((r) => ({ ...r, progress: progressOf(r) })),
    count,
    offset,
    limit,
  })
}

/** Starts an audit run in the background; poll GET /admin/data-audit/runs/:id for progress. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminStartAuditRunType>, res: MedusaResponse) => {
  const run = await startDataAudit(req.scope, { trigger: "admin", options: req.validatedBody, wait: false })
  res.status(202).json({ audit_run: { ...run, progress: 0 } })
}
