import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildDataMapWorkflow } from "../../../workflows/plan/build-plan"
import type { AdminDataMapResponse } from "../../../types/plan"
import type { Served } from "../../../types/served"

/**
 * The data map: Medusa's own sources (records, attribute fill rates, newest record, lag, the
 * latest audit's findings), the declared external systems, what each segment attribute, metric
 * and strategy reads, and the gaps (not reaching Medusa, stale, empty) with what they block.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await buildDataMapWorkflow(req.scope).run({})
  res.json(result satisfies Served<AdminDataMapResponse>)
}
