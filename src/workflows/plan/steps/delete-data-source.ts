import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"

export const deleteDataSourceStepId = "delete-data-source"

/**
 * Soft-deletes a declared system that no requirement names (a requirement's link would point at
 * nothing: unlink it first, a 400 lists which); compensation restores it.
 */
export const deleteDataSourceStep = createStep(
  deleteDataSourceStepId,
  async (id: string, { container }) => {
    const service = container.resolve<PlanModuleService>(PLAN_MODULE)
    const source = await service.retrieveDataSource(id)
    const links = await service.listRequirementLinks(
      { target_type: "data_source", target_id: id },
      { select: ["requirement_id"] }
    )
    if (links.length) {
      const ids = [...new Set(links.map((l) => l.requirement_id))].join(", ")
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Data source ${id} satisfies requirement(s) ${ids}: remove it from their links first`
      )
    }
    await service.softDeleteDataSources(id)
    return new StepResponse(source, id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<PlanModuleService>(PLAN_MODULE).restoreDataSources(id)
  }
)
