import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATION_MODULE } from "../../../modules/recommendation"
import type RecommendationModuleService from "../../../modules/recommendation/service"

export const runRecommendationValidationStepId = "run-recommendation-validation"

export type RunRecommendationValidationStepInput = { trigger: "job" | "admin" | "cli" | "api" }

/** What the compensation needs: the run, and the validation's error when this step itself failed. */
type Compensation = { run_id: string; error: string | null }

/**
 * Records a validation run, validates the candidates on the store's orders and stores the choice.
 * When the validation fails the step fails permanently and its compensation marks the run failed
 * with that error (the run stays, as a record; what is served does not change); when a later step
 * fails, the compensation marks it failed as rolled back.
 */
export const runRecommendationValidationStep = createStep(
  runRecommendationValidationStepId,
  async (input: RunRecommendationValidationStepInput, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    const run = await service.createRecommendationValidations({
      status: "running",
      trigger: input.trigger,
      started_at: new Date(),
    })
    try {
      await service.executeValidation(run.id)
      return new StepResponse(await service.retrieveRecommendationValidation(run.id), {
        run_id: run.id,
        error: null,
      } as Compensation)
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e)
      return StepResponse.permanentFailure(error, { run_id: run.id, error } as Compensation)
    }
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    await service.failValidation(compensation.run_id, compensation.error ?? "Rolled back after a later step failed")
  }
)
