import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { enabledSyncStates } from "../group-sync/customer-groups"
import { GroupSyncOutcome, syncSegmentGroup, undoGroupSync } from "../group-sync/run-sync"

export const syncSegmentGroupsStepId = "sync-segment-groups"

export type SyncSegmentGroupsInput = {
  segment_ids: string[]
  /** An incremental update: compare only these customers (a group not `synced` is compared whole). */
  customer_ids?: string[]
  /** Per segment, the customers an evaluation changed (entered or exited): compared instead of the whole group. */
  changed?: Record<string, string[]>
}

/**
 * Brings the managed customer group of each of these segments whose sync is enabled to the
 * segment's current members. A failing group is recorded on its sync state (`error`) and never
 * stops the others or the evaluation. Compensation puts back exactly what it added and removed.
 */
export const syncSegmentGroupsStep = createStep(
  syncSegmentGroupsStepId,
  async (input: SyncSegmentGroupsInput, { container }) => {
    const ids = Array.from(new Set(input.segment_ids))
    const outcomes: GroupSyncOutcome[] = []
    for (const state of await enabledSyncStates(container, ids)) {
      outcomes.push(await syncSegmentGroup(container, state, input.changed?.[state.segment_id] ?? input.customer_ids))
    }
    return new StepResponse(outcomes, outcomes)
  },
  async (outcomes, { container }) => {
    for (const outcome of outcomes ?? []) {
      await undoGroupSync(container, outcome)
    }
  }
)
