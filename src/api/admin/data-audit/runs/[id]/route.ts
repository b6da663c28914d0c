import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { DATA_AUDIT_MODULE } from "../../../../../modules/data_audit"
import type DataAuditModuleService from "../../../../../modules/data_audit/service"
import { AREAS, SEVERITIES } from "../../../../../modules/data_audit/checks"
import { progressOf, withCheck } from "../../helpers"
import type { AdminGetAuditRunType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetAuditRunType>, res: MedusaResponse) => {
  const service: DataAuditModuleService = req.scope.resolve(DATA_AUDIT_MODULE)
  const { area, severity } = req.validatedQuery as AdminGetAuditRunType
  const run = await service.retrieveAuditRun(req.params.id)
  const findings = await service.listAuditFindings({
    run_id: run.id,
    ...(area ? { area } : {}),
    ...(severity ? { severity } : {}),
  })
  // Areas in registry order, then worst severity, then largest share.
  findings.sort(
    (a, b) =>
      AREAS.indexOf(a.area) - AREAS.indexOf(b.area) ||
      SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
      b.share - a.share ||
      a.check_id.localeCompare(b.check_id)
  )
  res.json({ audit_run: { ...run, progress: progressOf(run), findings: findings.map(withCheck) } })
}
