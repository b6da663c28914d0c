import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import type { DataSourceInput, DataSourceWrite } from "../../../modules/plan/types"

export const createDataSourceStepId = "create-data-source"

/** Declares an external system; compensation deletes it. */
export const createDataSourceStep = createStep(
  createDataSourceStepId,
  async (input: DataSourceWrite, { container }) => {
    const created = await container.resolve<PlanModuleService>(PLAN_MODULE).createDataSources(input as DataSourceInput)
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<PlanModuleService>(PLAN_MODULE).deleteDataSources(id)
  }
)
