import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { buildDataMap, planFromInputs } from "../../modules/plan/utils/plan-inputs"
import { gatherPlanContextStep } from "./steps/gather-plan-context"

export const buildPlanWorkflowId = "build-personalization-plan"

/** The living plan: gathers every module's data through their services and builds the plan document. */
export const buildPlanWorkflow = createWorkflow(buildPlanWorkflowId, () => {
  const inputs = gatherPlanContextStep()
  return new WorkflowResponse(transform({ inputs }, ({ inputs }) => planFromInputs(inputs)))
})

export const buildDataMapWorkflowId = "build-data-map"

/** The data map: Medusa's detected sources, the declared systems, what each need reads, and what is blocked. */
export const buildDataMapWorkflow = createWorkflow(buildDataMapWorkflowId, () => {
  const inputs = gatherPlanContextStep()
  return new WorkflowResponse(transform({ inputs }, ({ inputs }) => buildDataMap(inputs)))
})
