import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAuditRunStep, CreateAuditRunStepInput } from "./steps/create-audit-run"

export const createAuditRunWorkflowId = "create-audit-run"

/** Creates a pending audit run (started later by `runDataAuditWorkflow`). */
export const createAuditRunWorkflow = createWorkflow(createAuditRunWorkflowId, (input: CreateAuditRunStepInput) => {
  const run = createAuditRunStep(input)
  return new WorkflowResponse(run)
})
