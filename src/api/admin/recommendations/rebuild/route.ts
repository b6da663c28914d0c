import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rebuildProductAffinityWorkflow } from "../../../../workflows/recommendation/rebuild-product-affinity"

/** POST /admin/recommendations/rebuild: recomputes co-purchase counts from all orders now. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await rebuildProductAffinityWorkflow(req.scope).run()
  res.json({ affinity: result })
}
