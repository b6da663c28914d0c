import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"
import { SegmentData } from "./create-segment"

export const updateSegmentStepId = "update-segment"

const FIELDS = [
  "name",
  "handle",
  "description",
  "owner_id",
  "status",
  "priority",
  "exclusive",
  "currency_code",
  "include_guest_orders",
  "rules",
  "metadata",
] as const

/** Updates a segment's definition; compensation restores the previous values. */
export const updateSegmentStep = createStep(
  updateSegmentStepId,
  async (input: { id: string; data: SegmentData }, { container }) => {
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    const previous = await service.retrieveSegment(input.id)
    const before: Record<string, unknown> = { id: input.id }
    for (const f of FIELDS) {
      if (input.data[f] !== undefined) {
        before[f] = (previous as Record<string, unknown>)[f]
      }
    }
    const { rules, ...data } = input.data
    if (data.currency_code) {
      data.currency_code = data.currency_code.toLowerCase()
    }
    await service.updateSegments({ id: input.id, ...(data as Record<string, unknown>) })
    if (rules !== undefined) {
      await service.replaceRules(input.id, rules)
    }
    const updated = await service.retrieveSegment(input.id)
    return new StepResponse(updated, before)
  },
  async (before, { container }) => {
    if (!before) {
      return
    }
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    const { rules, ...rest } = before as { id: string; rules?: unknown }
    await service.updateSegments(rest)
    if ("rules" in before) {
      await service.replaceRules(rest.id, rules)
    }
  }
)
