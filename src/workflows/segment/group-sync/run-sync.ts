import type { MedusaContainer } from "@medusajs/framework/types"
import {
  batches,
  changedMembers,
  GROUP_SYNC_ADD_BATCH,
  GROUP_SYNC_REMOVE_BATCH,
  groupSyncDiff,
} from "../../../modules/segment/utils/group-sync"
import {
  customerModule,
  findGroup,
  groupLinks,
  groupMemberCount,
  GroupSyncState,
  ownershipProblem,
  removeGroupLinks,
  segmentModule,
  StateFields,
  writeSyncState,
} from "./customer-groups"

/** Above this many changed customers, a scoped sync compares the whole group instead. */
const SCOPED_COMPARE_LIMIT = 10000

/** A full compare re-reads the members this many times at most to catch who changed while it wrote. */
const CATCH_UP_PASSES = 3

/** What one sync of one segment's group did. */
export type GroupSyncOutcome = {
  segment_id: string
  customer_group_id: string | null
  /** `filling`: handed to a background fill; `busy`: another sync of this group was running, nothing done. */
  status: "synced" | "error" | "filling" | "busy"
  /** Customers added to / removed from the group (for the compensation: exactly what this run changed). */
  added: string[]
  removed: string[]
  error: string | null
  /** Whether the whole group was compared (a full sync), or only the customers a change touched. */
  full: boolean
  /** Customers a full compare of a synced group found out of place (not explained by `customerIds`). */
  drift: number
}

export type SyncOptions = {
  /** Compare only these customers (who an evaluation changed, whom an event touched) when the group is `synced`. */
  customerIds?: string[]
  /** Always end with a full compare, even after a clean scoped one (the hourly job: repairs same-size hand edits). */
  full?: boolean
  /** Write `progress_done` / `progress_total` after each batch (a background fill the admin watches). */
  progress?: boolean
  /** Whether the group was `synced` before this run was asked for (a resync or a fill started from a synced group): its full compare's changes are drift. */
  wasSynced?: boolean
  /** Aborted when the lock's lease is lost (Redis): stop between batches. */
  signal?: AbortSignal
}

/**
 * Makes a segment's managed group equal its current members, through the customer module (adds
 * in batches of 5,000, removals of 1,000). Run it under `withGroupSyncLock`. Two ways:
 * - **full**: every customer of the group against every member. On enable and resync, whenever
 *   the state is not `synced` (first sync, a crash mid-way left `pending` or `filling`, an error),
 *   and in the hourly job (`full`). A full compare then re-reads the members (one query over the
 *   module's own table) and brings in who entered or left meanwhile (their evaluations may have
 *   skipped this group while it was locked);
 * - **scoped** (`customerIds`): only those customers are compared; then the group's size is
 *   checked against the segment's, and any difference (a customer added or removed by hand, a
 *   sync cut short) falls back to a full compare. A 100k-member segment's evaluation that changes
 *   a few members thus costs a few customer-module calls, not a read of 100k links.
 * Idempotent: it compares actual state, so running it twice changes nothing. A group that is gone
 * or not marked for this segment is never touched: the state shows `error` and why.
 */
export async function syncSegmentGroup(
  c: MedusaContainer,
  state: GroupSyncState,
  options: SyncOptions = {}
): Promise<GroupSyncOutcome> {
  const { customerIds } = options
  const segmentId = state.segment_id
  const groupId = state.customer_group_id
  const wasSynced = options.wasSynced ?? state.status === "synced"
  const scoped = customerIds !== undefined && state.status === "synced"
  const outcome: GroupSyncOutcome = {
    segment_id: segmentId,
    customer_group_id: groupId,
    status: "synced",
    added: [],
    removed: [],
    error: null,
    full: !scoped,
    drift: 0,
  }
  const expected = new Set(customerIds ?? [])
  let unfinished = state.status === "pending" || state.status === "filling"
  const progress = { done: 0, total: 0 }
  const fail = async (message: string) => {
    outcome.status = "error"
    outcome.error = message
    await writeSyncState(c, segmentId, {
      status: "error",
      last_error: message.slice(0, 2000),
      last_added: outcome.added.length,
      last_removed: outcome.removed.length,
    })
    return outcome
  }
  try {
    const problem = groupId ? ownershipProblem(groupId, await findGroup(c, groupId), segmentId) : "no customer group"
    if (problem || !groupId) {
      return await fail(problem ?? "no customer group")
    }
    const report = async (fields: StateFields) => {
      if (options.progress) {
        await writeSyncState(c, segmentId, {
          ...fields,
          progress_done: progress.done,
          progress_total: progress.total,
          last_added: outcome.added.length,
          last_removed: outcome.removed.length,
        })
      }
    }
    /** Applies the difference between the group and the members among `scope` (all when undefined); answers the members read. */
    const reconcile = async (scope: string[] | undefined, full: boolean) => {
      const members = await segmentModule(c).listCurrentMemberIds(segmentId, scope)
      const links = await groupLinks(c, groupId, scope)
      const { add, remove } = groupSyncDiff(
        members,
        links.map((l) => l.customer_id)
      )
      if (full && wasSynced) {
        outcome.drift += [...add, ...remove].filter((id) => !expected.has(id)).length
      }
      if (!add.length && !remove.length) {
        return members
      }
      progress.total += add.length + remove.length
      if (!unfinished) {
        // a crash from here on leaves `pending`: the next run, even a scoped one, compares the whole group
        await writeSyncState(c, segmentId, { status: "pending" })
        unfinished = true
      }
      await report({})
      const leaving = new Set(remove)
      const removed = new Set(outcome.removed)
      for (const batch of batches(
        links.filter((l) => leaving.has(l.customer_id)),
        GROUP_SYNC_REMOVE_BATCH
      )) {
        options.signal?.throwIfAborted()
        await removeGroupLinks(c, groupId, batch)
        batch.forEach((l) => removed.add(l.customer_id))
        outcome.removed = [...removed]
        progress.done += new Set(batch.map((l) => l.customer_id)).size
        await report({})
      }
      for (const batch of batches(add, GROUP_SYNC_ADD_BATCH)) {
        options.signal?.throwIfAborted()
        await customerModule(c).addCustomerToGroup(
          batch.map((customer_id) => ({ customer_id, customer_group_id: groupId }))
        )
        outcome.added.push(...batch)
        progress.done += batch.length
        await report({})
      }
      return members
    }
    /** The whole group against the members, then whoever changed while it wrote. Answers the member count. */
    const fullCompare = async () => {
      outcome.full = true
      let members = await reconcile(undefined, true)
      for (let pass = 0; pass < CATCH_UP_PASSES; pass++) {
        const now = await segmentModule(c).listCurrentMemberIds(segmentId)
        const moved = changedMembers(members, now)
        if (!moved.length) {
          break
        }
        moved.forEach((id) => expected.add(id))
        await reconcile(moved, false)
        members = now
      }
      return members.length
    }
    let groupCount: number
    if (!scoped || customerIds.length > SCOPED_COMPARE_LIMIT) {
      // a large change: one read of the group's links beats looking up this many customers by id
      groupCount = await fullCompare()
    } else {
      if (customerIds.length) {
        await reconcile(customerIds, false)
      }
      groupCount = await groupMemberCount(c, groupId)
      const [segment] = await segmentModule(c).listSegments({ id: segmentId }, { select: ["member_count"] })
      if (options.full || groupCount !== Number(segment?.member_count ?? 0)) {
        groupCount = await fullCompare()
      }
    }
    const now = new Date()
    await writeSyncState(c, segmentId, {
      status: "synced",
      last_error: null,
      last_synced_at: now,
      last_added: outcome.added.length,
      last_removed: outcome.removed.length,
      group_member_count: groupCount,
      progress_done: null,
      progress_total: null,
      ...(outcome.full ? { last_full_check_at: now, drift_repaired: outcome.drift } : {}),
    })
    return outcome
  } catch (e) {
    return await fail(`sync failed: ${(e as Error)?.message ?? String(e)}`)
  }
}

/** Puts back what a sync changed: removes whom it added, adds back whom it removed (compensation). */
export async function undoGroupSync(c: MedusaContainer, outcome: GroupSyncOutcome): Promise<void> {
  const groupId = outcome.customer_group_id
  if (!groupId) {
    return
  }
  const added = new Set(outcome.added)
  const links = added.size ? await groupLinks(c, groupId, [...added]) : []
  for (const batch of batches(links, GROUP_SYNC_REMOVE_BATCH)) {
    await removeGroupLinks(c, groupId, batch)
  }
  for (const batch of batches(outcome.removed, GROUP_SYNC_ADD_BATCH)) {
    await customerModule(c).addCustomerToGroup(
      batch.map((customer_id) => ({ customer_id, customer_group_id: groupId }))
    )
  }
}
