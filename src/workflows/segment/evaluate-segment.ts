import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { evaluateActiveSegmentsStep, evaluateCustomersStep, evaluateSegmentStep } from "./steps/evaluate-segment"
import { emitSegmentMembershipEventsStep } from "./steps/emit-membership-events"
import { syncSegmentGroupsStep } from "./steps/sync-segment-groups"
import type { EvaluationResult } from "../../modules/segment/types"

const evaluated = (results: EvaluationResult[]) => results.filter((r) => !r.error).map((r) => r.segment_id)

/** What the group sync compares after a full evaluation: per segment, who entered or exited. */
const fullEvaluationSync = (results: EvaluationResult[]) => ({
  segment_ids: evaluated(results),
  changed: Object.fromEntries(
    results.filter((r) => !r.error).map((r) => [r.segment_id, [...(r.entered_ids ?? []), ...(r.exited_ids ?? [])]])
  ),
})

export const evaluateSegmentWorkflowId = "evaluate-segment"

/**
 * Re-evaluates one segment now and materializes its membership atomically, then emits the
 * membership events and syncs the managed customer groups of the segments it evaluated.
 */
export const evaluateSegmentWorkflow = createWorkflow(evaluateSegmentWorkflowId, (id: string) => {
  const results = evaluateSegmentStep(id)
  emitSegmentMembershipEventsStep(results)
  syncSegmentGroupsStep(transform({ results }, ({ results }) => fullEvaluationSync(results)))
  return new WorkflowResponse(results)
})

export const evaluateSegmentCustomersWorkflowId = "evaluate-segment-customers"

/**
 * Re-evaluates the customers touched by an order or profile change against every active segment,
 * emits the membership events and brings the managed groups up to date for those customers.
 */
export const evaluateSegmentCustomersWorkflow = createWorkflow(
  evaluateSegmentCustomersWorkflowId,
  (input: { customer_ids?: string[]; order_id?: string }) => {
    const evaluation = evaluateCustomersStep(input)
    const results = transform({ evaluation }, ({ evaluation }) => evaluation.results)
    emitSegmentMembershipEventsStep(results)
    syncSegmentGroupsStep(
      transform({ evaluation }, ({ evaluation }) => ({
        segment_ids: evaluated(evaluation.results),
        customer_ids: evaluation.customer_ids,
      }))
    )
    return new WorkflowResponse(evaluation)
  }
)

export const evaluateActiveSegmentsWorkflowId = "evaluate-active-segments"

/**
 * Re-evaluates every active segment (the hourly job), with events and group syncs as above; each
 * synced group is also compared whole (a hand edit that keeps its size is found and repaired), and
 * syncs left unfinished by a crash are resumed, whatever their segment's status.
 */
export const evaluateActiveSegmentsWorkflow = createWorkflow(evaluateActiveSegmentsWorkflowId, () => {
  const results = evaluateActiveSegmentsStep()
  emitSegmentMembershipEventsStep(results)
  syncSegmentGroupsStep(
    transform({ results }, ({ results }) => ({ ...fullEvaluationSync(results), full: true, resume: true }))
  )
  return new WorkflowResponse(results)
})
