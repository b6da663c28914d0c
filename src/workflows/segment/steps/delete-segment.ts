import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"

export const deleteSegmentStepId = "delete-segment"

/**
 * Soft-deletes a segment and ends its current memberships. Compensation restores
 * the segment; memberships come back at its next evaluation.
 */
export const deleteSegmentStep = createStep(
  deleteSegmentStepId,
  async (id: string, { container }) => {
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    await service.softDeleteSegments(id)
    await service.closeMemberships(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    await service.restoreSegments(id)
  }
)
