import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RECOMMENDATION_MODULE } from "../../../../../modules/recommendation"
import RecommendationModuleService from "../../../../../modules/recommendation/service"
import {
  deleteRecommendationRuleWorkflow,
  updateRecommendationRuleWorkflow,
} from "../../../../../workflows/recommendation/recommendation-rules"
import { AdminUpdateRecommendationRuleType } from "../../validators"
import type { Served } from "../../../../../types/served"
import type { AdminRecommendationRuleResponse } from "../../../../../types/recommendations"

/** GET /admin/recommendations/rules/:id */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service: RecommendationModuleService = req.scope.resolve(RECOMMENDATION_MODULE)
  const rule = await service.retrieveRecommendationRule(req.params.id)
  res.json({ rule } satisfies Served<AdminRecommendationRuleResponse>)
}

/** POST /admin/recommendations/rules/:id: updates and bumps the version. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateRecommendationRuleType>, res: MedusaResponse) => {
  const service: RecommendationModuleService = req.scope.resolve(RECOMMENDATION_MODULE)
  await service.retrieveRecommendationRule(req.params.id)
  const { result } = await updateRecommendationRuleWorkflow(req.scope).run({
    input: { ...req.validatedBody, id: req.params.id, actor_id: req.auth_context?.actor_id ?? null },
  })
  res.json({ rule: result } satisfies Served<AdminRecommendationRuleResponse>)
}

/** DELETE /admin/recommendations/rules/:id */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service: RecommendationModuleService = req.scope.resolve(RECOMMENDATION_MODULE)
  await service.retrieveRecommendationRule(req.params.id)
  await deleteRecommendationRuleWorkflow(req.scope).run({
    input: { id: req.params.id, actor_id: req.auth_context?.actor_id ?? null },
  })
  res.json({ id: req.params.id, object: "recommendation_rule", deleted: true })
}
