import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { segmentModule, StateFields, stateFields, writeSyncState } from "../group-sync/customer-groups"

export const saveGroupSyncStepId = "save-segment-group-sync"

/** Writes a segment's group sync state (created on first enable). Compensation puts the row back as it was. */
export const saveGroupSyncStep = createStep(
  saveGroupSyncStepId,
  async (input: { segment_id: string; fields: StateFields }, { container }) => {
    const before = await writeSyncState(container, input.segment_id, input.fields)
    return new StepResponse(input.segment_id, { segment_id: input.segment_id, before })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    if (undo.before) {
      await writeSyncState(container, undo.segment_id, stateFields(undo.before))
    } else {
      const service = segmentModule(container)
      const rows = await service.listSegmentGroupSyncs({ segment_id: undo.segment_id }, { select: ["id"] })
      await service.deleteSegmentGroupSyncs(rows.map((r) => r.id))
    }
  }
)
