import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { validateRecommendationsWorkflow } from "../../../../workflows/recommendation/validate-recommendations"
import type { Served } from "../../../../types/served"
import type { AdminRecommendationValidationResponse } from "../../../../types/recommendations"
import { toAdminValidation } from "../helpers"

/**
 * POST /admin/recommendations/validate: validates the candidates on the store's orders now and
 * returns the stored validation (its choice is served from then on). A failed run is stored as failed.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result, errors } = await validateRecommendationsWorkflow(req.scope).run({
    input: { trigger: "admin" },
    throwOnError: false,
  })
  if (errors.length) {
    const message = errors.map((e) => e.error?.message ?? String(e.error)).join("; ")
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Validation failed: ${message}`)
  }
  res.json({ validation: toAdminValidation(result) } satisfies Served<AdminRecommendationValidationResponse>)
}
