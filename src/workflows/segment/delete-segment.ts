import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteSegmentStep } from "./steps/delete-segment"
import { logDecisionStep } from "../objective/steps/log-decision"

export const deleteSegmentWorkflowId = "delete-segment"

export type DeleteSegmentWorkflowInput = {
  id: string
  actor_id?: string | null
  reason?: string | null
}

/** Deletes a segment, ends its current memberships (history kept) and logs the decision. */
export const deleteSegmentWorkflow = createWorkflow(deleteSegmentWorkflowId, (input: DeleteSegmentWorkflowInput) => {
  const id = transform({ input }, ({ input }) => input.id)
  const deleted = deleteSegmentStep(id)
  const decision = transform({ input }, ({ input }) => [
    {
      entity_type: "segment",
      entity_id: input.id,
      action: "deleted",
      actor_id: input.actor_id ?? null,
      reason: input.reason ?? null,
    },
  ])
  logDecisionStep(decision)
  return new WorkflowResponse(deleted)
})
