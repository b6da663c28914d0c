import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { ObjectiveInput } from "../../../modules/objective/types"

export const createObjectiveStepId = "create-objective"

/** Creates an objective; compensation deletes it. */
export const createObjectiveStep = createStep(
  createObjectiveStepId,
  async (input: ObjectiveInput, { container }) => {
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    const objective = await service.createObjectives(input)
    return new StepResponse(objective, objective.id)
  },
  async (id, { container }) => {
    if (!id) return
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    await service.deleteObjectives(id)
  }
)
