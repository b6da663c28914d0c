import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { DATA_AUDIT_MODULE } from "../../../../../../modules/data_audit"
import type DataAuditModuleService from "../../../../../../modules/data_audit/service"
import { getCheckOrThrow } from "../../../helpers"
import type { AdminCheckTrendType } from "../../../validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminCheckTrendType>, res: MedusaResponse) => {
  const check = getCheckOrThrow(req.params.check_id)
  const service: DataAuditModuleService = req.scope.resolve(DATA_AUDIT_MODULE)
  const { limit, subject_id } = req.validatedQuery as AdminCheckTrendType
  const trend = await service.listCheckTrend(check.id, { limit, subject_id })
  res.json({ check, trend })
}
