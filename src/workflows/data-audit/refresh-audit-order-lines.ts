import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rebuildAuditOrderLinesStep, refreshAuditOrderLinesStep } from "./steps/refresh-audit-order-lines"

export const refreshAuditOrderLinesWorkflowId = "refresh-audit-order-lines"

/** Updates the audit read model for changed orders (the order subscriber). */
export const refreshAuditOrderLinesWorkflow = createWorkflow(
  refreshAuditOrderLinesWorkflowId,
  (input: { order_ids: string[] }) => {
    return new WorkflowResponse(refreshAuditOrderLinesStep(input))
  }
)

export const rebuildAuditOrderLinesWorkflowId = "rebuild-audit-order-lines"

/** Rebuilds the audit read model from every placed order (nightly job, after an import). */
export const rebuildAuditOrderLinesWorkflow = createWorkflow(rebuildAuditOrderLinesWorkflowId, () => {
  return new WorkflowResponse(rebuildAuditOrderLinesStep())
})
