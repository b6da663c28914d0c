import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RECOMMENDATION_MODULE } from "../../../../modules/recommendation"
import type RecommendationModuleService from "../../../../modules/recommendation/service"
import type { Served } from "../../../../types/served"
import type { AdminRecommendationValidationListResponse } from "../../../../types/recommendations"
import { toAdminValidation } from "../helpers"
import type { AdminListRecommendationValidationsType } from "../validators"

/** GET /admin/recommendations/validations: validation runs, latest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListRecommendationValidationsType>,
  res: MedusaResponse
) => {
  const service: RecommendationModuleService = req.scope.resolve(RECOMMENDATION_MODULE)
  const { limit, offset, status } = req.validatedQuery as AdminListRecommendationValidationsType
  const [validations, count] = await service.listAndCountRecommendationValidations(status ? { status } : {}, {
    order: { started_at: "DESC", id: "DESC" },
    take: limit,
    skip: offset,
  })
  res.json({
    validations: validations.map(toAdminValidation),
    count,
    offset,
    limit,
  } satisfies Served<AdminRecommendationValidationListResponse>)
}
