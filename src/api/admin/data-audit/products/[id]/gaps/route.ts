import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { DATA_AUDIT_MODULE } from "../../../../../../modules/data_audit"
import type DataAuditModuleService from "../../../../../../modules/data_audit/service"
import type { AdminProductGapsResponse } from "../../../../../../types/data-audit"

/** The product-level audit checks evaluated now for one product. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminProductGapsResponse>) => {
  const service: DataAuditModuleService = req.scope.resolve(DATA_AUDIT_MODULE)
  const gaps = await service.getProductGaps(req.params.id)
  res.json({ product_id: req.params.id, gaps })
}
