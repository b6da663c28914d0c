import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AUDIT_CHECKS, describeCheck } from "../../../../modules/data_audit/checks"

export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const checks = AUDIT_CHECKS.map(describeCheck)
  res.json({ checks, count: checks.length })
}
