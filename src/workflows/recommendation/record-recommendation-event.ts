import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATION_MODULE } from "../../modules/recommendation"
import RecommendationModuleService from "../../modules/recommendation/service"

export type RecordRecommendationEventInput = {
  type: "impression" | "click"
  recommendation_id: string
  product_id: string
  /** What the storefront says; each must match the served list when given. */
  placement?: string
  cart_id?: string
  objective_id?: string | null
  experiment_group?: string | null
  /** From the request's auth, never from the body. */
  customer_id: string | null
  /** The customer id, or a hash of the anonymous client's address (for the rate limit). */
  visitor_key: string
}

/** The event as it is stored: everything but type and product comes from the served list. */
export type VerifiedRecommendationEvent = {
  type: "impression" | "click"
  recommendation_id: string
  product_id: string
  placement: string
  cart_id: string | null
  customer_id: string | null
  objective_id: string | null
  experiment_group: string | null
  visitor_key: string
}

export const validateRecommendationEventStepId = "validate-recommendation-event"

/**
 * An event is measurement only when it is about a list the server served: the recommendation must
 * exist, be recent, have listed the product, and have been served to this customer (a list served
 * to a logged-in customer takes events from that customer only). Objective, group, cart and
 * placement come from the served list; values in the body that disagree are refused.
 */
export const validateRecommendationEventStep = createStep(
  validateRecommendationEventStepId,
  async (input: RecordRecommendationEventInput, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    const [serve] = await service.listRecommendationServes({ id: input.recommendation_id }, { take: 1 })
    const refuse = (path: string, message: string) => {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid event: ${path}: ${message}`)
    }
    if (!serve) {
      return refuse("recommendation_id", "no recommendation with this id was served")
    }
    const ageHours = (Date.now() - new Date(serve.created_at).getTime()) / 3_600_000
    if (ageHours > service.settings.event_window_hours) {
      refuse("recommendation_id", `was served more than ${service.settings.event_window_hours} hours ago`)
    }
    if (serve.customer_id && serve.customer_id !== input.customer_id) {
      refuse("recommendation_id", "was served to another visitor")
    }
    if (!(serve.product_ids ?? []).includes(input.product_id)) {
      refuse("product_id", "was not in this recommendation")
    }
    const mismatch: [string, unknown, unknown][] = [
      ["placement", input.placement, serve.placement],
      ["cart_id", input.cart_id, serve.cart_id],
      ["objective_id", input.objective_id, serve.objective_id],
      ["experiment_group", input.experiment_group, serve.experiment_group],
    ]
    for (const [path, given, served] of mismatch) {
      if (given !== undefined && given !== null && given !== served) {
        refuse(path, `does not match the recommendation as served (${served ?? "none"})`)
      }
    }
    const verified: VerifiedRecommendationEvent = {
      type: input.type,
      recommendation_id: serve.id,
      product_id: input.product_id,
      placement: serve.placement,
      cart_id: serve.cart_id ?? null,
      customer_id: serve.customer_id ?? input.customer_id,
      objective_id: serve.objective_id ?? null,
      experiment_group: serve.experiment_group ?? null,
      visitor_key: input.visitor_key,
    }
    return new StepResponse(verified)
  }
)

export const recordRecommendationEventStepId = "record-recommendation-event"

/**
 * Stores one impression or click, once: a repeat of the same type for the same product of the
 * same recommendation returns the stored event (`duplicate: true`). The compensation deletes
 * only an event this step created.
 */
export const recordRecommendationEventStep = createStep(
  recordRecommendationEventStepId,
  async (input: VerifiedRecommendationEvent, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    const existing = async () =>
      (
        await service.listRecommendationEvents(
          { recommendation_id: input.recommendation_id, product_id: input.product_id, type: input.type },
          { take: 1 }
        )
      )[0]
    const before = await existing()
    if (before) {
      return new StepResponse({ event: before, duplicate: true }, null)
    }
    try {
      const event = await service.createRecommendationEvents(input)
      return new StepResponse({ event, duplicate: false }, event.id)
    } catch (e) {
      // the same event sent twice at once: the unique index lets one in
      const raced = await existing()
      if (raced) {
        return new StepResponse({ event: raced, duplicate: true }, null)
      }
      throw e
    }
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

/** Records a storefront impression or click on a served recommendation (verified, once). */
export const recordRecommendationEventWorkflow = createWorkflow(
  recordRecommendationEventWorkflowId,
  (input: RecordRecommendationEventInput) => {
    const verified = validateRecommendationEventStep(input)
    return new WorkflowResponse(recordRecommendationEventStep(verified))
  }
)
