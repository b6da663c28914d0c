import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"

export type ValidateObjectiveUpdateInput = { id: string; update: { holdout_share?: number | null } }

export const validateObjectiveUpdateStepId = "validate-objective-update"

/**
 * Refuses (INVALID_DATA, a 400 naming the field) to change `holdout_share` once measurement has
 * started: the hash would move customers between treatment and holdout mid-experiment. Sending the
 * current value is allowed. A 404 for an unknown objective. No writes.
 */
export const validateObjectiveUpdateStep = createStep(
  validateObjectiveUpdateStepId,
  async (input: ValidateObjectiveUpdateInput, { container }) => {
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    const current = await service.retrieveObjective(input.id, { select: ["id", "holdout_share", "started_at"] })
    const share = input.update.holdout_share
    if (share !== undefined && share !== current.holdout_share && current.started_at) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `holdout_share: cannot change once measurement has started (${new Date(current.started_at).toISOString()}): it would move customers between groups`
      )
    }
    return new StepResponse(void 0)
  }
)
