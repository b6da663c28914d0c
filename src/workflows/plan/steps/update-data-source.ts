import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import type { DataSourceDTO, DataSourceInput, DataSourceWrite } from "../../../modules/plan/types"

export const updateDataSourceStepId = "update-data-source"

/** Updates a declared system; returns previous and new; compensation restores the previous values. */
export const updateDataSourceStep = createStep(
  updateDataSourceStepId,
  async ({ id, update }: { id: string; update: DataSourceWrite }, { container }) => {
    const service = container.resolve<PlanModuleService>(PLAN_MODULE)
    const previous: DataSourceDTO = await service.retrieveDataSource(id)
    const before: Record<string, unknown> = previous
    const restore: Record<string, unknown> = { id }
    for (const key of Object.keys(update)) restore[key] = before[key] ?? null
    const data_source = await service.updateDataSources({ id, ...update } as DataSourceInput)
    return new StepResponse({ previous, data_source }, restore)
  },
  async (restore, { container }) => {
    if (!restore) return
    await container.resolve<PlanModuleService>(PLAN_MODULE).updateDataSources(restore)
  }
)
