import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RecommendForInput } from "../../modules/recommendation/types"
import { loadRecommendationContextStep } from "./steps/load-recommendation-context"
import { rankProductsForCustomerStep, recommendProductsStep } from "./steps/recommend-products"

export const recommendProductsWorkflowId = "recommend-products"

/**
 * One recommendation list (`GET /store/recommendations`, the admin preview): the customer's
 * objective groups, segments and cart are gathered from their modules, then the recommendation
 * module ranks with them. The way core Medusa hands the cart to the promotion module.
 */
export const recommendProductsWorkflow = createWorkflow(recommendProductsWorkflowId, (input: RecommendForInput) => {
  const contextInput = transform({ input }, ({ input }) => ({
    customer_id: input.customer_id,
    cart_id: input.cart_id ?? null,
  }))
  const context = loadRecommendationContextStep(contextInput)
  const result = recommendProductsStep({ request: input, context })
  return new WorkflowResponse(result)
})

export const rankProductsForCustomerWorkflowId = "rank-products-for-customer"

/** A page of `GET /store/products?order=personalized` ordered for the logged-in customer. */
export const rankProductsForCustomerWorkflow = createWorkflow(
  rankProductsForCustomerWorkflowId,
  (input: { customer_id: string; product_ids: string[] }) => {
    const contextInput = transform({ input }, ({ input }) => ({ customer_id: input.customer_id, segments: false }))
    const context = loadRecommendationContextStep(contextInput)
    const result = rankProductsForCustomerStep({
      customer_id: input.customer_id,
      product_ids: input.product_ids,
      context,
    })
    return new WorkflowResponse(result)
  }
)
