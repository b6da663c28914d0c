import type { MedusaContainer } from "@medusajs/framework/types"
import { batches, groupSyncDiff } from "../../../modules/segment/utils/group-sync"
import {
  customerModule,
  findGroup,
  groupMemberCount,
  groupMemberIds,
  GroupSyncState,
  ownershipProblem,
  segmentModule,
  writeSyncState,
} from "./customer-groups"

/** What one sync of one segment's group did. */
export type GroupSyncOutcome = {
  segment_id: string
  customer_group_id: string | null
  status: "synced" | "error"
  /** Customers added to / removed from the group (for the compensation: exactly what this run changed). */
  added: string[]
  removed: string[]
  error: string | null
  /** Whether the whole group was compared (a full sync) or only the customers of an incremental update. */
  full: boolean
}

/**
 * Makes a segment's managed group equal its current members: reads the group's actual members
 * (all of them, or only among `customerIds` for an incremental update of a synced group) and the
 * segment's, adds and removes the difference in batches through the customer module. Idempotent
 * and resumable: it compares actual state, so a run after a crash mid-way finishes the job. A group
 * that is gone or not marked for this segment is never touched: the state shows `error` and why.
 */
export async function syncSegmentGroup(
  c: MedusaContainer,
  state: GroupSyncState,
  customerIds?: string[]
): Promise<GroupSyncOutcome> {
  const segmentId = state.segment_id
  const groupId = state.customer_group_id
  const full = !customerIds || state.status !== "synced"
  const outcome: GroupSyncOutcome = {
    segment_id: segmentId,
    customer_group_id: groupId,
    status: "synced",
    added: [],
    removed: [],
    error: null,
    full,
  }
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
    const problem = groupId ? ownershipProblem(await findGroup(c, groupId), segmentId) : "no customer group"
    if (problem || !groupId) {
      return await fail(problem ?? "no customer group")
    }
    const scope = full ? undefined : customerIds
    const members = await segmentModule(c).listCurrentMemberIds(segmentId, scope)
    const { add, remove } = groupSyncDiff(members, await groupMemberIds(c, groupId, scope))
    if ((add.length || remove.length) && state.status !== "pending") {
      // a crash from here on leaves `pending`: the next run (even an incremental one) compares the whole group
      await writeSyncState(c, segmentId, { status: "pending" })
    }
    const customers = customerModule(c)
    for (const batch of batches(remove)) {
      await customers.removeCustomerFromGroup(batch.map((customer_id) => ({ customer_id, customer_group_id: groupId })))
      outcome.removed.push(...batch)
    }
    for (const batch of batches(add)) {
      await customers.addCustomerToGroup(batch.map((customer_id) => ({ customer_id, customer_group_id: groupId })))
      outcome.added.push(...batch)
    }
    await writeSyncState(c, segmentId, {
      status: "synced",
      last_error: null,
      last_synced_at: new Date(),
      last_added: add.length,
      last_removed: remove.length,
      group_member_count: full ? members.length : await groupMemberCount(c, groupId),
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
  const customers = customerModule(c)
  for (const batch of batches(outcome.added)) {
    await customers.removeCustomerFromGroup(batch.map((customer_id) => ({ customer_id, customer_group_id: groupId })))
  }
  for (const batch of batches(outcome.removed)) {
    await customers.addCustomerToGroup(batch.map((customer_id) => ({ customer_id, customer_group_id: groupId })))
  }
}
