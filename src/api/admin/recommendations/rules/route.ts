import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createRecommendationRuleWorkflow } from "../../../../workflows/recommendation/recommendation-rules"
import { AdminCreateRecommendationRuleType, AdminListRecommendationRulesType } from "../validators"
import type { Served } from "../../../../types/served"
import type {
  AdminRecommendationRuleListResponse,
  AdminRecommendationRuleResponse,
} from "../../../../types/recommendations"

/** GET /admin/recommendations/rules */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListRecommendationRulesType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "recommendation_rule",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    rules: data,
    count: metadata?.count ?? data.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? data.length,
  } satisfies Served<AdminRecommendationRuleListResponse>)
}

/** POST /admin/recommendations/rules */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateRecommendationRuleType>, res: MedusaResponse) => {
  const { result } = await createRecommendationRuleWorkflow(req.scope).run({
    input: { ...req.validatedBody, actor_id: req.auth_context?.actor_id ?? null },
  })
  res.status(201).json({ rule: result } satisfies Served<AdminRecommendationRuleResponse>)
}
