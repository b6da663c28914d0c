import { createHook, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { runRecommendationValidationStep, RunRecommendationValidationStepInput } from "./steps/run-validation"

export const validateRecommendationsWorkflowId = "validate-recommendations"

/**
 * Validates the recommendation candidates on the store's own orders and stores the choice, which
 * personalized requests then serve (nightly job after the co-purchase rebuild, the admin's
 * `POST /admin/recommendations/validate`, `npm run recommendations:validate`). A failed validation
 * is stored as failed and changes nothing served. The `validationCompleted` hook gets the run.
 */
export const validateRecommendationsWorkflow = createWorkflow(
  validateRecommendationsWorkflowId,
  (input: RunRecommendationValidationStepInput) => {
    const validation = runRecommendationValidationStep(input)
    const validationCompleted = createHook("validationCompleted", { validation })
    return new WorkflowResponse(validation, { hooks: [validationCompleted] })
  }
)
