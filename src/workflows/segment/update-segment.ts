import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SegmentData } from "./steps/create-segment"
import { recordSegmentVersionStep } from "./steps/record-segment-version"
import { updateSegmentStep } from "./steps/update-segment"
import { validateSegmentDataStep, validateSegmentExistsStep } from "./steps/validate-segment"
import { decisionEntry, logDecisionStep, updateAction } from "../decision-log/steps/log-decision"

export type UpdateSegmentWorkflowInput = {
  id: string
  data: SegmentData
  actor_id?: string | null
  /** Why the edit was made; kept in the decision log. */
  reason?: string | null
}

export const updateSegmentWorkflowId = "update-segment"

/** Updates a segment's definition, records a new version with who made the edit and logs the decision. */
export const updateSegmentWorkflow = createWorkflow(updateSegmentWorkflowId, (input: UpdateSegmentWorkflowInput) => {
  validateSegmentExistsStep(transform({ input }, ({ input }) => input.id))
  validateSegmentDataStep(transform({ input }, ({ input }) => input.data))
  const stepInput = transform({ input }, ({ input }) => ({ id: input.id, data: input.data }))
  const segment = updateSegmentStep(stepInput)
  const versionInput = transform({ input }, ({ input }) => ({
    segment_id: input.id,
    actor_id: input.actor_id ?? null,
  }))
  recordSegmentVersionStep(versionInput)
  const decision = transform({ input }, ({ input }) => [
    decisionEntry("segment", input.id, updateAction(input.data.status), input, input.data),
  ])
  logDecisionStep(decision)
  const segmentUpdated = createHook("segmentUpdated", { segment })
  return new WorkflowResponse(segment, { hooks: [segmentUpdated] })
})
