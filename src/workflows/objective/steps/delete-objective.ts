import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"

export const deleteObjectiveStepId = "delete-objective"

/** Soft-deletes an objective (and its snapshots); compensation restores them. */
export const deleteObjectiveStep = createStep(
  deleteObjectiveStepId,
  async (id: string, { container }) => {
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    const objective = await service.retrieveObjective(id)
    await service.softDeleteObjectives(id)
    return new StepResponse(objective, id)
  },
  async (id, { container }) => {
    if (!id) return
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    await service.restoreObjectives(id)
  }
)
