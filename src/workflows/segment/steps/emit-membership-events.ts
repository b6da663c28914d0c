import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { membershipEvents, SegmentEvents } from "../../../modules/segment/events"
import type { EvaluationResult } from "../../../modules/segment/types"

export const emitSegmentMembershipEventsStepId = "emit-segment-membership-events"

/**
 * Emits `segment.customers_entered` / `segment.customers_exited` for each evaluated segment whose
 * members changed (batched ids). Grouped with the workflow's events: released when it succeeds,
 * dropped by the compensation when it fails.
 */
export const emitSegmentMembershipEventsStep = createStep(
  emitSegmentMembershipEventsStepId,
  async (results: EvaluationResult[], { container, eventGroupId }) => {
    const messages = results.filter((r) => !r.error).flatMap((r) => membershipEvents(r))
    if (!messages.length) {
      return new StepResponse(0, { eventGroupId: undefined as string | undefined })
    }
    const eventBus = container.resolve(Modules.EVENT_BUS)
    await eventBus.emit(messages.map((m) => ({ ...m, metadata: eventGroupId ? { eventGroupId } : {} })))
    return new StepResponse(messages.length, { eventGroupId })
  },
  async (emitted, { container }) => {
    if (emitted?.eventGroupId) {
      await container.resolve(Modules.EVENT_BUS).clearGroupedEvents(emitted.eventGroupId, {
        eventNames: [SegmentEvents.CUSTOMERS_ENTERED, SegmentEvents.CUSTOMERS_EXITED],
      })
    }
  }
)
