import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { ObjectiveInput } from "../../../modules/objective/types"

export const updateObjectiveStepId = "update-objective"

export type UpdateObjectiveStepInput = { id: string; update: ObjectiveInput }

/** Updates an objective; returns the previous and the new version. Compensation restores the previous values. */
export const updateObjectiveStep = createStep(
  updateObjectiveStepId,
  async ({ id, update }: UpdateObjectiveStepInput, { container }) => {
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    const previous = await service.retrieveObjective(id)
    const data: ObjectiveInput = { ...update }
    // measurement starts the first time the objective becomes active
    if (data.status === "active" && !previous.started_at) data.started_at = new Date()
    const before: Record<string, unknown> = previous
    const restore: Record<string, unknown> = { id }
    for (const key of Object.keys(data)) restore[key] = before[key] ?? null
    const objective = await service.updateObjectives({ id, ...data })
    return new StepResponse({ previous, objective }, restore)
  },
  async (restore, { container }) => {
    if (!restore) return
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    await service.updateObjectives(restore)
  }
)
