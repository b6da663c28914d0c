import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { setReviewStep, SetReviewStepInput } from "./steps/set-review"
import { validatePlanReferencesStep } from "./steps/validate-plan-references"

export const setReviewWorkflowId = "set-plan-review"

/** Schedules the next review of an objective or segment (optionally marking it reviewed now) and logs it. */
export const setReviewWorkflow = createWorkflow(
  setReviewWorkflowId,
  (input: SetReviewStepInput & { actor_id?: string | null; reason?: string | null }) => {
    validatePlanReferencesStep(
      transform({ input }, ({ input }) => ({ review: { entity_type: input.entity_type, entity_id: input.entity_id } }))
    )
    const result = setReviewStep(
      transform({ input }, ({ input }) => ({
        entity_type: input.entity_type,
        entity_id: input.entity_id,
        review_by: input.review_by,
        reviewed: input.reviewed,
      }))
    )
    logDecisionStep(
      transform({ input, result }, ({ input, result }) => [
        {
          entity_type: input.entity_type,
          entity_id: input.entity_id,
          action: input.reviewed ? "reviewed" : "review_scheduled",
          actor_id: input.actor_id ?? null,
          reason: input.reason ?? null,
          diff: { review_by: { from: result.previous_review_by, to: result.review.review_by } },
        },
      ])
    )
    return new WorkflowResponse(result.review)
  }
)
