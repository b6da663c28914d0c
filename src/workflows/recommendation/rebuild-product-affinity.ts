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

export const refreshProductAffinityStepId = "refresh-product-affinity"

/**
 * Brings co-purchase counts up to date: recounts the customers whose orders changed since the
 * previous pass, or rebuilds them all when due (see the service's `refreshAffinity`). No
 * compensation: derived data, one transaction.
 */
export const refreshProductAffinityStep = createStep(refreshProductAffinityStepId, async (_: void, { container }) => {
  const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
  return new StepResponse(await service.refreshAffinity())
})

export const refreshProductAffinityWorkflowId = "refresh-product-affinity"

/** The nightly co-purchase update: incremental, with a full rebuild every `affinity_full_rebuild_days`. */
export const refreshProductAffinityWorkflow = createWorkflow(refreshProductAffinityWorkflowId, () => {
  return new WorkflowResponse(refreshProductAffinityStep())
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
