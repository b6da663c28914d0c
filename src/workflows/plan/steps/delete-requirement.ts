import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"

export const deleteRequirementStepId = "delete-requirement"

/** Soft-deletes a requirement and its links (cascade); compensation restores them. */
export const deleteRequirementStep = createStep(
  deleteRequirementStepId,
  async (id: string, { container }) => {
    const service = container.resolve<PlanModuleService>(PLAN_MODULE)
    const requirement = await service.retrieveRequirement(id)
    await service.softDeleteRequirements(id)
    return new StepResponse(requirement, id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<PlanModuleService>(PLAN_MODULE).restoreRequirements(id)
  }
)
