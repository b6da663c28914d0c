import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { SEGMENT_MODULE } from "../../../../../modules/segment"
import SegmentModuleService from "../../../../../modules/segment/service"

/** The logged-in customer's current active segments (only ever their own: the id comes from the session). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = req.auth_context?.actor_id
  if (!customerId) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Customer is not logged in")
  }
  const service: SegmentModuleService = req.scope.resolve(SEGMENT_MODULE)
  const segments = (await service.listCustomerSegments(customerId))
    .filter((s) => s.status === "active")
    .map((s) => ({ id: s.id, name: s.name, handle: s.handle, entered_at: s.entered_at }))
  res.json({ segments })
}
