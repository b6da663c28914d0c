import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteSegmentStep } from "./steps/delete-segment"
import { validateSegmentExistsStep } from "./steps/validate-segment"
import { decisionEntry, logDecisionStep } from "../decision-log/steps/log-decision"

export const deleteSegmentWorkflowId = "delete-segment"

export type DeleteSegmentWorkflowInput = {
  id: string
  actor_id?: string | null
  reason?: string | null
}

/** Deletes a segment (404 when there is none), ends its current memberships (history kept) and logs the decision. */
export const deleteSegmentWorkflow = createWorkflow(deleteSegmentWorkflowId, (input: DeleteSegmentWorkflowInput) => {
  const id = transform({ input }, ({ input }) => input.id)
  validateSegmentExistsStep(id)
  const deleted = deleteSegmentStep(id)
  const decision = transform({ input }, ({ input }) => [decisionEntry("segment", input.id, "deleted", input)])
  logDecisionStep(decision)
  return new WorkflowResponse(deleted)
})
