import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"

export const setReviewStepId = "set-review"

export type SetReviewStepInput = {
  entity_type: "objective" | "segment"
  entity_id: string
  review_by: Date
  reviewed?: boolean
}

/**
 * Sets when an objective or segment is next reviewed (`reviewed`: it was reviewed now). Returns
 * the previous date; compensation restores it (or removes a review this step created).
 */
export const setReviewStep = createStep(
  setReviewStepId,
  async (input: SetReviewStepInput, { container }) => {
    const service = container.resolve<PlanModuleService>(PLAN_MODULE)
    const [current] = await service.listReviews({ entity_type: input.entity_type, entity_id: input.entity_id })
    const data = {
      review_by: input.review_by,
      ...(input.reviewed ? { last_reviewed_at: new Date() } : {}),
    }
    const review = current
      ? await service.updateReviews({ id: current.id, ...data })
      : await service.createReviews({ entity_type: input.entity_type, entity_id: input.entity_id, ...data })
    return new StepResponse(
      { review, previous_review_by: current?.review_by ?? null },
      current
        ? { id: current.id, review_by: current.review_by, last_reviewed_at: current.last_reviewed_at, created: false }
        : { id: review.id, created: true }
    )
  },
  async (restore, { container }) => {
    if (!restore) return
    const service = container.resolve<PlanModuleService>(PLAN_MODULE)
    if (restore.created) {
      await service.deleteReviews(restore.id)
    } else {
      await service.updateReviews({
        id: restore.id,
        review_by: restore.review_by,
        last_reviewed_at: restore.last_reviewed_at,
      })
    }
  }
)
