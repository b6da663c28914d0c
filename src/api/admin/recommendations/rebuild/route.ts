import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rebuildProductAffinityWorkflow } from "../../../../workflows/recommendation/rebuild-product-affinity"
import type { Served } from "../../../../types/served"
import type { AdminRebuildAffinityResponse } from "../../../../types/recommendations"

/** POST /admin/recommendations/rebuild: recomputes co-purchase counts from all orders now. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await rebuildProductAffinityWorkflow(req.scope).run()
  res.json({ affinity: result } satisfies Served<AdminRebuildAffinityResponse>)
}
