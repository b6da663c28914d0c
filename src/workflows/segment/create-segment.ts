import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createSegmentStep, SegmentData } from "./steps/create-segment"
import { validateSegmentDataStep } from "./steps/validate-segment"
import { recordSegmentVersionStep } from "./steps/record-segment-version"
import { resolveCurrencyStep } from "../common/steps/resolve-currency"
import { decisionEntry, logDecisionStep } from "../decision-log/steps/log-decision"

export type CreateSegmentWorkflowInput = {
  segment: SegmentData & { name: string; handle: string }
  actor_id?: string | null
  /** Why the segment exists; kept in the decision log. */
  reason?: string | null
}

export const createSegmentWorkflowId = "create-segment"

/** Creates a segment (rules validated on write), records version 1 with its author and logs the decision. */
export const createSegmentWorkflow = createWorkflow(createSegmentWorkflowId, (input: CreateSegmentWorkflowInput) => {
  validateSegmentDataStep(transform({ input }, ({ input }) => input.segment))
  const currency = resolveCurrencyStep(transform({ input }, ({ input }) => input.segment.currency_code ?? null))
  const data = transform({ input, currency }, ({ input, currency }) => ({
    ...input.segment,
    currency_code: currency,
    owner_id: input.segment.owner_id ?? input.actor_id ?? null,
  }))
  const segment = createSegmentStep(data)
  const versionInput = transform({ segment, input }, ({ segment, input }) => ({
    segment_id: segment.id,
    actor_id: input.actor_id ?? null,
  }))
  recordSegmentVersionStep(versionInput)
  const decision = transform({ segment, input }, ({ segment, input }) => [
    decisionEntry("segment", segment.id, "created", input, { status: segment.status, rules: segment.rules }),
  ])
  logDecisionStep(decision)
  const segmentCreated = createHook("segmentCreated", { segment })
  return new WorkflowResponse(segment, { hooks: [segmentCreated] })
})
