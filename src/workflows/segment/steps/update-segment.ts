import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"
import { SegmentData } from "./create-segment"
import type { SegmentDTO } from "../../../modules/segment/types"

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

/** The values a step changed, as they were before it (what the compensation restores). */
type Previous = { id: string } & Partial<Pick<SegmentDTO, (typeof FIELDS)[number]>>

/** Updates a segment's definition; compensation restores the previous values. */
export const updateSegmentStep = createStep(
  updateSegmentStepId,
  async (input: { id: string; data: SegmentData }, { container }) => {
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    const previous = await service.retrieveSegment(input.id)
    const changed = FIELDS.filter((f) => input.data[f] !== undefined)
    const before: Previous = { id: input.id, ...Object.fromEntries(changed.map((f) => [f, previous[f]])) }
    const { rules, ...data } = input.data
    if (data.currency_code) {
      data.currency_code = data.currency_code.toLowerCase()
    }
    await service.updateSegments({ id: input.id, ...data })
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
    const { rules, ...rest } = before
    await service.updateSegments(rest)
    if ("rules" in before) {
      await service.replaceRules(rest.id, rules)
    }
  }
)
