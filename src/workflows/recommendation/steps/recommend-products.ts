import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATION_MODULE } from "../../../modules/recommendation"
import RecommendationModuleService from "../../../modules/recommendation/service"
import { RecommendationContext, RecommendForInput } from "../../../modules/recommendation/types"
import { recommendationSources } from "./recommendation-sources"

export const recommendProductsStepId = "compute-recommendations"

/** Ranks one list with the gathered context; the catalog is read through `recommendationSources`. */
export const recommendProductsStep = createStep(
  recommendProductsStepId,
  async (input: { request: RecommendForInput; context: RecommendationContext }, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    const result = await service.recommendFor(input.request, input.context, recommendationSources(container))
    return new StepResponse(result)
  }
)

export const rankProductsForCustomerStepId = "order-products-for-customer"

/** Orders a page of products for a customer (co-purchase affinity with their history). */
export const rankProductsForCustomerStep = createStep(
  rankProductsForCustomerStepId,
  async (input: { customer_id: string; product_ids: string[]; context: RecommendationContext }, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    return new StepResponse(await service.rankForCustomer(input.customer_id, input.product_ids, input.context))
  }
)
