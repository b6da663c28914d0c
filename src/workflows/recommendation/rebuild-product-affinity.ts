import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATION_MODULE } from "../../modules/recommendation"
import RecommendationModuleService from "../../modules/recommendation/service"

export const rebuildProductAffinityStepId = "rebuild-product-affinity"

/**
 * Recomputes co-purchase counts from the order tables. No compensation: the table is derived
 * data and the rebuild runs in one transaction (it either replaces everything or nothing).
 */
export const rebuildProductAffinityStep = createStep(rebuildProductAffinityStepId, async (_: void, { container }) => {
  const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
  return new StepResponse(await service.rebuildAffinity())
})

export const rebuildProductAffinityWorkflowId = "rebuild-product-affinity"

/** Rebuilds `product_affinity` from all orders (nightly job, admin button, after an import). */
export const rebuildProductAffinityWorkflow = createWorkflow(rebuildProductAffinityWorkflowId, () => {
  return new WorkflowResponse(rebuildProductAffinityStep())
})

export const recordOrderAffinityStepId = "record-order-affinity"

/** Adds one placed order to the co-purchase counts (idempotent by order id). */
export const recordOrderAffinityStep = createStep(
  recordOrderAffinityStepId,
  async (input: { order_id: string }, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    return new StepResponse(await service.recordOrder(input.order_id))
  }
)

export const recordOrderAffinityWorkflowId = "record-order-affinity"

/** Updates co-purchase counts for one placed order. */
export const recordOrderAffinityWorkflow = createWorkflow(
  recordOrderAffinityWorkflowId,
  (input: { order_id: string }) => {
    return new WorkflowResponse(recordOrderAffinityStep(input))
  }
)
