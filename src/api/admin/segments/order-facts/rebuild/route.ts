import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { segmentService } from "../../helpers"

/** Rebuilds the read model `segment_order_fact` from Medusa's order tables (atomic). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const result = await segmentService(req.scope).rebuildOrderFacts()
  res.json({ order_facts: result })
}
