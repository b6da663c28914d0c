import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"
import { assertValidRuleTree } from "../../../modules/segment/utils"
import type { SegmentDTO } from "../../../modules/segment/types"

/** A segment definition as a create or an update takes it (the rule tree is checked by `validateSegmentData`). */
export type SegmentData = Partial<
  Pick<
    SegmentDTO,
    | "name"
    | "handle"
    | "description"
    | "owner_id"
    | "status"
    | "priority"
    | "exclusive"
    | "currency_code"
    | "include_guest_orders"
    | "metadata"
  >
> & { rules?: unknown }

/** Checks a definition before any write: the rule tree (every bad path) and the currency. */
export function validateSegmentData(data: SegmentData) {
  if (data.rules !== undefined && data.rules !== null) {
    assertValidRuleTree(data.rules)
  }
  if (data.currency_code !== undefined && !/^[a-zA-Z]{3}$/.test(data.currency_code)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "currency_code: must be a 3-letter ISO 4217 code")
  }
}

export const createSegmentStepId = "create-segment"

/** Creates a segment (validated by `validateSegmentDataStep` first); compensation deletes it. */
export const createSegmentStep = createStep(
  createSegmentStepId,
  async (data: SegmentData & { name: string; handle: string }, { container }) => {
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    const segment = await service.createSegments({
      ...data,
      // resolved by the workflow (resolveCurrencyStep): given, or the store's default
      currency_code: data.currency_code?.toLowerCase(),
      rules: (data.rules ?? { type: "all", conditions: [] }) as Record<string, unknown>,
    })
    return new StepResponse(segment, segment.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    await service.deleteSegments(id)
  }
)
