import type { MedusaContainer } from "@medusajs/framework/types"
import {
  batches,
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
  writeSyncState,
} from "./customer-groups"

/** Above this many changed customers, a scoped sync compares the whole group instead. */
const SCOPED_COMPARE_LIMIT = 10000

/** What one sync of one segment's group did. */
export type GroupSyncOutcome = {
  segment_id: string
  customer_group_id: string | null
  status: "synced" | "error"
  /** Customers added to / removed from the group (for the compensation: exactly what this run changed). */
  added: string[]
  removed: string[]
  error: string | null
  /** Whether the whole group was compared (a full sync), or only the customers a change touched. */
  full: boolean
}

/**
 * Makes a segment's managed group equal its current members, through the customer module (adds
 * in batches of 5,000, removals of 1,000). Two ways:
 * - **full**: every customer of the group against every member. On enable and resync, and whenever
 *   the state is not `synced` (first sync, a crash mid-way left `pending`, an error);
 * - **scoped** (`customerIds`: who entered or exited in this evaluation, or whom an order or profile
 *   event touched): only those customers are compared; then the group's size is checked against
 *   the segment's, and any difference (a customer added or removed by hand, a sync cut short) falls
 *   back to a full compare. A 100k-member segment's evaluation that changes a few members thus
 *   costs a few customer-module calls, not a read of 100k links.
 * Idempotent: it compares actual state, so running it twice changes nothing. A group that is gone
 * or not marked for this segment is never touched: the state shows `error` and why.
 */
export async function syncSegmentGroup(
  c: MedusaContainer,
  state: GroupSyncState,
  customerIds?: string[]
): Promise<GroupSyncOutcome> {
  const segmentId = state.segment_id
  const groupId = state.customer_group_id
  const scoped = customerIds !== undefined && state.status === "synced"
  const outcome: GroupSyncOutcome = {
    segment_id: segmentId,
    customer_group_id: groupId,
    status: "synced",
    added: [],
    removed: [],
    error: null,
    full: !scoped,
  }
  let pending = state.status === "pending"
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
    /** Compares the group with the members (among `scope`) and applies the difference; answers the member count when whole. */
    const reconcile = async (scope?: string[]) => {
      const members = await segmentModule(c).listCurrentMemberIds(segmentId, scope)
      const links = await groupLinks(c, groupId, scope)
      const { add, remove } = groupSyncDiff(
        members,
        links.map((l) => l.customer_id)
      )
      if ((add.length || remove.length) && !pending) {
        // a crash from here on leaves `pending`: the next run, even a scoped one, compares the whole group
        await writeSyncState(c, segmentId, { status: "pending" })
        pending = true
      }
      const leaving = new Set(remove)
      const removed = new Set(outcome.removed)
      for (const batch of batches(
        links.filter((l) => leaving.has(l.customer_id)),
        GROUP_SYNC_REMOVE_BATCH
      )) {
        await removeGroupLinks(c, groupId, batch)
        batch.forEach((l) => removed.add(l.customer_id))
        outcome.removed = [...removed]
      }
      for (const batch of batches(add, GROUP_SYNC_ADD_BATCH)) {
        await customerModule(c).addCustomerToGroup(
          batch.map((customer_id) => ({ customer_id, customer_group_id: groupId }))
        )
        outcome.added.push(...batch)
      }
      return members.length
    }
    let groupCount: number
    if (scoped && customerIds.length > SCOPED_COMPARE_LIMIT) {
      // a large change: one read of the group's links beats looking up this many customers by id
      outcome.full = true
      groupCount = await reconcile()
    } else if (scoped) {
      if (customerIds.length) {
        await reconcile(customerIds)
      }
      groupCount = await groupMemberCount(c, groupId)
      const [segment] = await segmentModule(c).listSegments({ id: segmentId }, { select: ["member_count"] })
      if (groupCount !== Number(segment?.member_count ?? 0)) {
        outcome.full = true
        groupCount = await reconcile()
      }
    } else {
      groupCount = await reconcile()
    }
    await writeSyncState(c, segmentId, {
      status: "synced",
      last_error: null,
      last_synced_at: new Date(),
      last_added: outcome.added.length,
      last_removed: outcome.removed.length,
      group_member_count: groupCount,
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
