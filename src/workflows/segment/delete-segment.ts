import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteSegmentStep } from "./steps/delete-segment"
import { validateSegmentExistsStep } from "./steps/validate-segment"
import { validateGroupSyncStep } from "./steps/validate-group-sync"
import { releaseManagedGroupStep } from "./steps/release-managed-group"
import { saveGroupSyncStep } from "./steps/save-group-sync"
import { decisionEntry, logDecisionStep } from "../decision-log/steps/log-decision"

export const deleteSegmentWorkflowId = "delete-segment"

export type DeleteSegmentWorkflowInput = {
  id: string
  actor_id?: string | null
  reason?: string | null
}

/**
 * Deletes a segment (404 when there is none), ends its current memberships (history kept), lets go
 * of its synced customer group (kept, unmarked: promotions on it keep working with the customers it
 * has) and logs the decision.
 */
export const deleteSegmentWorkflow = createWorkflow(deleteSegmentWorkflowId, (input: DeleteSegmentWorkflowInput) => {
  const id = transform({ input }, ({ input }) => input.id)
  validateSegmentExistsStep(id)
  const sync = validateGroupSyncStep(
    transform({ input }, ({ input }) => ({
      segment_id: input.id,
      enabled: false as const,
      on_disable: "keep" as const,
    }))
  )
  const deleted = deleteSegmentStep(id)
  when({ sync }, ({ sync }) => Boolean(sync.state?.enabled)).then(() => {
    releaseManagedGroupStep(
      transform({ input, sync }, ({ input, sync }) => ({
        segment_id: input.id,
        customer_group_id: sync.state?.customer_group_id,
        on_disable: "keep" as const,
      }))
    )
    saveGroupSyncStep(
      transform({ input }, ({ input }) => ({
        segment_id: input.id,
        fields: { enabled: false, status: "disabled" as const, customer_group_id: null, last_error: null },
      }))
    )
  })
  const decision = transform({ input }, ({ input }) => [decisionEntry("segment", input.id, "deleted", input)])
  logDecisionStep(decision)
  return new WorkflowResponse(deleted)
})
