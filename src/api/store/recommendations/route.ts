import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { RECOMMENDATION_MODULE } from "../../../modules/recommendation"
import RecommendationModuleService from "../../../modules/recommendation/service"
import { servedRuleIds } from "../../../modules/recommendation/utils/engine"
import { recommendProductsWorkflow } from "../../../workflows/recommendation/recommend-products"
import { fetchStoreProducts } from "./helpers"
import { DEFAULT_RECOMMENDATION_LIMIT } from "./query-config"
import { StoreGetRecommendationsParamsType } from "./validators"

/**
 * GET /store/recommendations: products in the shape and pricing of `GET /store/products`, plus
 * `recommendations` (score, reasons, trace per product) and the experiment group.
 */
export const GET = async (req: MedusaStoreRequest<unknown, StoreGetRecommendationsParamsType>, res: MedusaResponse) => {
  const service: RecommendationModuleService = req.scope.resolve(RECOMMENDATION_MODULE)
  const q = req.validatedQuery as StoreGetRecommendationsParamsType
  const salesChannelIds = ([] as string[]).concat(
    ((req.filterableFields as Record<string, unknown>).sales_channel_id as string[]) ?? []
  )
  const { result } = await recommendProductsWorkflow(req.scope).run({
    input: {
      placement: q.placement,
      customer_id: req.auth_context?.actor_id || null,
      product_id: q.product_id,
      cart_id: q.cart_id,
      limit: q.limit ?? DEFAULT_RECOMMENDATION_LIMIT,
      sales_channel_ids: salesChannelIds,
    },
  })
  const products = await fetchStoreProducts(
    req,
    result.items.map((i) => i.product_id)
  )
  const returned = new Set(products.map((p) => p.id))
  const recommendations = result.items
    .filter((i) => returned.has(i.product_id))
    .map((i) => ({ product_id: i.product_id, score: i.score, reasons: i.reasons, trace: i.trace }))
  // what was served, to whom and in which group: events are accepted only against this record
  await service.recordServe({
    id: result.recommendation_id,
    customer_id: req.auth_context?.actor_id || null,
    cart_id: q.cart_id ?? null,
    placement: q.placement,
    product_ids: recommendations.map((r) => r.product_id),
    objective_id: result.experiment.objective_id,
    experiment_group: result.experiment.group,
    rule_ids: servedRuleIds(recommendations, result.exclude_rule_ids),
  })
  res.json({
    recommendation_id: result.recommendation_id,
    placement: result.placement,
    products,
    recommendations,
    experiment: result.experiment,
    filters: result.filters,
    count: products.length,
    limit: q.limit ?? DEFAULT_RECOMMENDATION_LIMIT,
  })
}
