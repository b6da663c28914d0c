import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"

export const recordSegmentVersionStepId = "record-segment-version"

/** Snapshots the segment definition as a new version (who, when); compensation removes it. */
export const recordSegmentVersionStep = createStep(
  recordSegmentVersionStepId,
  async (input: { segment_id: string; actor_id?: string | null }, { container }) => {
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    const version = await service.recordVersion(input.segment_id, input.actor_id ?? null)
    return new StepResponse(version, { ...version, segment_id: input.segment_id })
  },
  async (recorded, { container }) => {
    if (!recorded) {
      return
    }
    const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
    await service.deleteSegmentVersions(recorded.id)
    const [segment] = await service.listSegments({ id: recorded.segment_id }, { take: 1 })
    if (segment) {
      await service.updateSegments({ id: recorded.segment_id, version: recorded.version - 1 })
    }
  }
)
