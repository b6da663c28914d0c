import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AUDIT_CHECKS, describeCheck } from "../../../../modules/data_audit/checks"
import type { AdminAuditChecksResponse } from "../../../../types/data-audit"

export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminAuditChecksResponse>) => {
  const checks = AUDIT_CHECKS.map(describeCheck)
  res.json({ checks, count: checks.length })
}
