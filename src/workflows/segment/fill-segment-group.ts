import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { GroupSyncBusy, readSyncState, withGroupSyncLock, writeSyncState } from "./group-sync/customer-groups"
import { GroupSyncOutcome, syncSegmentGroup } from "./group-sync/run-sync"

export const fillSegmentGroupStepId = "fill-segment-group"

export type FillSegmentGroupInput = { segment_id: string; was_synced?: boolean }

/** How long a fill waits for the sync holding its group's lock before leaving the work to it. */
const FILL_LOCK_WAIT_SECONDS = 30

/**
 * A segment's group sync as a background fill: under the group's lock, a full compare that writes
 * its progress (`progress_done` / `progress_total`) after each batch and ends `synced` (or `error`,
 * nothing lost). When another sync holds the lock for longer than the wait, it leaves the work to
 * that one. Never throws: a failure is the sync state's `error`, so the fill's workflow never
 * compensates anything.
 */
export const fillSegmentGroupStep = createStep(
  fillSegmentGroupStepId,
  async (input: FillSegmentGroupInput, { container }) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    try {
      const outcome = await withGroupSyncLock(container, input.segment_id, FILL_LOCK_WAIT_SECONDS, async (signal) => {
        const state = await readSyncState(container, input.segment_id)
        if (!state?.enabled || !state.customer_group_id) {
          return null
        }
        if (state.status !== "filling") {
          await writeSyncState(container, input.segment_id, { status: "filling" })
        }
        return syncSegmentGroup(
          container,
          { ...state, status: "filling" },
          { progress: true, wasSynced: input.was_synced ?? false, signal }
        )
      })
      if (outcome) {
        logger.info(
          `segments: group sync of ${input.segment_id} ${outcome.status}: +${outcome.added.length} -${outcome.removed.length}${
            outcome.error ? ` (${outcome.error})` : ""
          }`
        )
      }
      return new StepResponse<GroupSyncOutcome | null>(outcome)
    } catch (e) {
      if (!(e instanceof GroupSyncBusy)) {
        // the lock's lease was lost or the store failed: the state stays `filling`, resumed by the next evaluation or the hourly job
        logger.warn(`segments: group fill of ${input.segment_id} stopped: ${(e as Error)?.message ?? e}`)
      }
      return new StepResponse<GroupSyncOutcome | null>(null)
    }
  }
)

export const fillSegmentGroupWorkflowId = "fill-segment-group"

/**
 * Fills (or re-compares) a segment's customer group in the background: `run` returns as soon as the
 * fill has started; the sync state shows `filling` and its progress until it ends.
 */
export const fillSegmentGroupWorkflow = createWorkflow(fillSegmentGroupWorkflowId, (input: FillSegmentGroupInput) => {
  const outcome = fillSegmentGroupStep(input).config({ async: true, backgroundExecution: true })
  return new WorkflowResponse(outcome)
})
