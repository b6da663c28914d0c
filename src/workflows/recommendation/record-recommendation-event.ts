import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATION_MODULE } from "../../modules/recommendation"
import RecommendationModuleService from "../../modules/recommendation/service"

export type RecordRecommendationEventInput = {
  type: "impression" | "click"
  recommendation_id: string
  product_id: string
  placement?: string
  cart_id?: string
  customer_id: string | null
  objective_id: string | null
  experiment_group: string | null
}

export const recordRecommendationEventStepId = "record-recommendation-event"

/** Stores one impression or click; the compensation deletes it. */
export const recordRecommendationEventStep = createStep(
  recordRecommendationEventStepId,
  async (input: RecordRecommendationEventInput, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    const event = await service.createRecommendationEvents({
      type: input.type,
      recommendation_id: input.recommendation_id,
      product_id: input.product_id,
      placement: input.placement ?? null,
      cart_id: input.cart_id ?? null,
      customer_id: input.customer_id,
      objective_id: input.objective_id,
      experiment_group: input.experiment_group,
    })
    return new StepResponse(event, event.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    await service.deleteRecommendationEvents(id)
  }
)

export const recordRecommendationEventWorkflowId = "record-recommendation-event"

/** Records a storefront impression or click on a served recommendation. */
export const recordRecommendationEventWorkflow = createWorkflow(
  recordRecommendationEventWorkflowId,
  (input: RecordRecommendationEventInput) => {
    const event = recordRecommendationEventStep(input)
    return new WorkflowResponse(event)
  }
)
