import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteSegmentStep } from "./steps/delete-segment"

export const deleteSegmentWorkflowId = "delete-segment"

/** Deletes a segment and ends its current memberships (history kept). */
export const deleteSegmentWorkflow = createWorkflow(deleteSegmentWorkflowId, (id: string) => {
  const deleted = deleteSegmentStep(id)
  return new WorkflowResponse(deleted)
})
