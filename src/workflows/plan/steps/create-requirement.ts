import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import type { RequirementInput } from "../../../modules/plan/types"
import type { AdminRequirementLink } from "../../../types/plan"

export const createRequirementStepId = "create-requirement"

export type CreateRequirementStepInput = { requirement: RequirementInput; links: AdminRequirementLink[] }

/** Creates a requirement and its links; compensation deletes both. */
export const createRequirementStep = createStep(
  createRequirementStepId,
  async ({ requirement, links }: CreateRequirementStepInput, { container }) => {
    const service = container.resolve<PlanModuleService>(PLAN_MODULE)
    const created = await service.createRequirements(requirement)
    if (links.length) {
      await service.createRequirementLinks(links.map((l) => ({ ...l, requirement_id: created.id })))
    }
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    const service = container.resolve<PlanModuleService>(PLAN_MODULE)
    const links = await service.listRequirementLinks({ requirement_id: id }, { select: ["id"] })
    if (links.length) await service.deleteRequirementLinks(links.map((l) => l.id))
    await service.deleteRequirements(id)
  }
)
