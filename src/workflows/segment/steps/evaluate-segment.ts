import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"

export const evaluateSegmentStepId = "evaluate-segment"

/**
 * Re-evaluates a segment's membership. The write is one transaction inside the
 * module (all or nothing), and membership is a function of the data, so there is
 * nothing to compensate: re-running converges to the same state.
 */
export const evaluateSegmentStep = createStep(evaluateSegmentStepId, async (id: string, { container }) => {
  const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  const results = await service.evaluateSegment(id)
  return new StepResponse(results)
})

export const evaluateCustomersStepId = "evaluate-segment-customers"

/** Re-evaluates the given customers against every active segment (idempotent). */
export const evaluateCustomersStep = createStep(
  evaluateCustomersStepId,
  async (input: { customer_ids?: string[]; order_id?: string }, { container }) => {
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    const ids = [...(input.customer_ids ?? [])]
    if (input.order_id) {
      // Read model first: the order's facts (idempotent upsert), then its customers.
      await service.upsertOrderFacts([input.order_id])
      ids.push(...(await service.customersAffectedByOrder(input.order_id)))
    }
    const results = await service.evaluateCustomers(ids)
    return new StepResponse({ customer_ids: Array.from(new Set(ids)), results })
  }
)

export const evaluateActiveSegmentsStepId = "evaluate-active-segments"

/** Re-evaluates every active segment, each atomically; a failing one is marked and skipped (idempotent). */
export const evaluateActiveSegmentsStep = createStep(evaluateActiveSegmentsStepId, async (_: void, { container }) => {
  const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  return new StepResponse(await service.evaluateActiveSegments())
})
