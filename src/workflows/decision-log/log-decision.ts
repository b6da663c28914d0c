import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LogDecisionInput } from "../../modules/objective/service"
import { logDecisionStep } from "./steps/log-decision"

export const logDecisionWorkflowId = "log-decision"

/** Appends decision-log entries; for callers outside a workflow (routes, subscribers, scripts). */
export const logDecisionWorkflow = createWorkflow(logDecisionWorkflowId, (input: { entries: LogDecisionInput[] }) => {
  const ids = logDecisionStep(input.entries)
  return new WorkflowResponse(ids)
})
