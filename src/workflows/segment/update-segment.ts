import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SegmentData } from "./steps/create-segment"
import { recordSegmentVersionStep } from "./steps/record-segment-version"
import { updateSegmentStep } from "./steps/update-segment"

export type UpdateSegmentWorkflowInput = {
  id: string
  data: SegmentData
  actor_id?: string | null
}

export const updateSegmentWorkflowId = "update-segment"

/** Updates a segment's definition and records a new version with who made the edit. */
export const updateSegmentWorkflow = createWorkflow(updateSegmentWorkflowId, (input: UpdateSegmentWorkflowInput) => {
  const stepInput = transform({ input }, ({ input }) => ({ id: input.id, data: input.data }))
  const segment = updateSegmentStep(stepInput)
  const versionInput = transform({ input }, ({ input }) => ({
    segment_id: input.id,
    actor_id: input.actor_id ?? null,
  }))
  recordSegmentVersionStep(versionInput)
  const segmentUpdated = createHook("segmentUpdated", { segment })
  return new WorkflowResponse(segment, { hooks: [segmentUpdated] })
})
