import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { groupSyncPlacement, INLINE_SYNC_LIMIT } from "../../../modules/segment/utils/group-sync"
import {
  enabledSyncStates,
  GroupSyncBusy,
  GroupSyncState,
  readSyncState,
  segmentModule,
  unfinishedSyncStates,
  withGroupSyncLock,
  writeSyncState,
} from "../group-sync/customer-groups"
import { GroupSyncOutcome, syncSegmentGroup, undoGroupSync } from "../group-sync/run-sync"
import { fillSegmentGroupWorkflow } from "../fill-segment-group"

export const syncSegmentGroupsStepId = "sync-segment-groups"

export type SyncSegmentGroupsInput = {
  segment_ids: string[]
  /** An incremental update: compare only these customers (a group not `synced` is compared whole). */
  customer_ids?: string[]
  /** Per segment, the customers an evaluation changed (entered or exited): compared instead of the whole group. */
  changed?: Record<string, string[]>
  /** Always compare the whole group too (the hourly job): a hand edit that keeps the group's size is found. */
  full?: boolean
  /** The merchant asked for a full sync (enable, resync): a large group fills in the background. */
  resync?: boolean
  /** Also finish the enabled syncs left `pending` or `filling` (a crash), whatever their segment (the hourly job). */
  resume?: boolean
}

/** How long an evaluation's sync waits for another sync of the same group (a fill runs for minutes: it catches up itself). */
const WAIT_SYNCED_SECONDS = 10
const WAIT_FILLING_SECONDS = 1

/** `INLINE_SYNC_LIMIT`, or `SEGMENT_GROUP_SYNC_INLINE_LIMIT` when set to a positive integer (a store that prefers otherwise; the tests). */
function inlineSyncLimit(): number {
  const set = Number(process.env.SEGMENT_GROUP_SYNC_INLINE_LIMIT)
  return Number.isInteger(set) && set > 0 ? set : INLINE_SYNC_LIMIT
}

/**
 * Brings the managed customer group of each of these segments whose sync is enabled to the
 * segment's current members, under the group's lock. A sync that may write more than
 * `INLINE_SYNC_LIMIT` customers (a first fill, a resync, a resumed fill, a large change) is handed
 * to a background fill (`filling`), so neither a request nor an evaluation waits on it. A failing
 * group is recorded on its sync state (`error`) and never stops the others or the evaluation. A
 * group whose lock another sync holds is skipped (`busy`): that sync re-reads the members before it
 * ends. Compensation puts back exactly what it added and removed.
 */
export const syncSegmentGroupsStep = createStep(
  syncSegmentGroupsStepId,
  async (input: SyncSegmentGroupsInput, { container }) => {
    const states = await enabledSyncStates(container, Array.from(new Set(input.segment_ids)))
    if (input.resume) {
      const listed = new Set(states.map((s) => s.segment_id))
      states.push(...(await unfinishedSyncStates(container)).filter((s) => !listed.has(s.segment_id)))
    }
    const outcomes: GroupSyncOutcome[] = []
    for (const state of states) {
      outcomes.push(
        await syncOne(container, state, {
          customerIds: input.changed?.[state.segment_id] ?? input.customer_ids,
          full: input.full,
          resync: input.resync,
        })
      )
    }
    return new StepResponse(outcomes, outcomes)
  },
  async (outcomes, { container }) => {
    for (const outcome of outcomes ?? []) {
      await undoGroupSync(container, outcome)
    }
  }
)

async function syncOne(
  c: MedusaContainer,
  state: GroupSyncState,
  opts: { customerIds?: string[]; full?: boolean; resync?: boolean }
): Promise<GroupSyncOutcome> {
  const skipped = (status: "busy" | "filling"): GroupSyncOutcome => ({
    segment_id: state.segment_id,
    customer_group_id: state.customer_group_id,
    status,
    added: [],
    removed: [],
    error: null,
    full: false,
    drift: 0,
  })
  const [segment] = await segmentModule(c).listSegments({ id: state.segment_id }, { select: ["member_count"] })
  const placement = groupSyncPlacement({
    status: state.status,
    members: Number(segment?.member_count ?? 0),
    groupMembers: state.group_member_count,
    changed: opts.customerIds?.length,
    full: opts.resync,
    limit: inlineSyncLimit(),
  })
  try {
    if (state.status === "filling") {
      // a fill is running (it holds the lock and catches up on who changed before it ends), or it
      // was cut short by a crash (the lock is free): then take it over
      return await withGroupSyncLock(c, state.segment_id, WAIT_FILLING_SECONDS, async (signal) => {
        if (placement === "background") {
          await startGroupFill(c, state, false)
          return skipped("filling")
        }
        return syncSegmentGroup(c, state, { customerIds: opts.customerIds, full: opts.full, signal })
      })
    }
    if (placement === "background") {
      // the fill takes the lock itself, waiting for a sync that holds it
      await startGroupFill(c, state, Boolean(opts.resync) && state.status === "synced")
      return skipped("filling")
    }
    return await withGroupSyncLock(c, state.segment_id, WAIT_SYNCED_SECONDS, async (signal) => {
      // read again under the lock: a sync that held it may have changed the state
      const fresh = await readSyncState(c, state.segment_id)
      if (!fresh?.enabled) {
        return skipped("busy")
      }
      return syncSegmentGroup(c, fresh, { customerIds: opts.customerIds, full: opts.full, signal })
    })
  } catch (e) {
    if (e instanceof GroupSyncBusy) {
      return skipped("busy")
    }
    throw e
  }
}

/**
 * Marks a group `filling` and starts its background fill (`fillSegmentGroupWorkflow`); returns at once.
 * `wasSynced`: the group was in sync before (a resync), so what the fill changes is drift.
 */
export async function startGroupFill(c: MedusaContainer, state: GroupSyncState, wasSynced: boolean) {
  await writeSyncState(c, state.segment_id, { status: "filling", progress_done: 0, progress_total: null })
  await fillSegmentGroupWorkflow(c).run({ input: { segment_id: state.segment_id, was_synced: wasSynced } })
}
