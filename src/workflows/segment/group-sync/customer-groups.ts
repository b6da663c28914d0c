import type { ICustomerModuleService, ILockingModule, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { SEGMENT_MODULE } from "../../../modules/segment"
import type SegmentModuleService from "../../../modules/segment/service"
import type { SegmentGroupSyncDTO } from "../../../modules/segment/types"
import { GroupOwnership, groupOwnership } from "../../../modules/segment/utils/group-sync"
import { MANAGED_GROUP_METADATA_KEY } from "../../../types/segment-group-sync"

/*
 * The group sync's access to the two modules involved: its state row (segment module, generated
 * CRUD) and the customer group (customer module service). Used by the group-sync steps.
 */

export const segmentModule = (c: MedusaContainer): SegmentModuleService => c.resolve(SEGMENT_MODULE)
export const customerModule = (c: MedusaContainer): ICustomerModuleService => c.resolve(Modules.CUSTOMER)

export type GroupSyncState = SegmentGroupSyncDTO

/** A segment's sync row, or null when its sync was never enabled. */
export async function readSyncState(c: MedusaContainer, segmentId: string): Promise<GroupSyncState | null> {
  const [row] = await segmentModule(c).listSegmentGroupSyncs({ segment_id: segmentId }, { take: 1 })
  return (row as GroupSyncState | undefined) ?? null
}

/** The sync rows of these segments whose sync is enabled. */
export async function enabledSyncStates(c: MedusaContainer, segmentIds: string[]): Promise<GroupSyncState[]> {
  if (!segmentIds.length) {
    return []
  }
  return (await segmentModule(c).listSegmentGroupSyncs({ segment_id: segmentIds, enabled: true })) as GroupSyncState[]
}

export type StateFields = Partial<
  Pick<
    GroupSyncState,
    | "customer_group_id"
    | "enabled"
    | "status"
    | "last_synced_at"
    | "last_error"
    | "group_member_count"
    | "last_added"
    | "last_removed"
    | "progress_done"
    | "progress_total"
    | "last_full_check_at"
    | "drift_repaired"
  >
>

/** Creates or updates a segment's sync row; returns the row as it was before (null when new). */
export async function writeSyncState(
  c: MedusaContainer,
  segmentId: string,
  fields: StateFields
): Promise<GroupSyncState | null> {
  const service = segmentModule(c)
  const before = await readSyncState(c, segmentId)
  if (before) {
    await service.updateSegmentGroupSyncs({ id: before.id, ...fields })
  } else {
    await service.createSegmentGroupSyncs({ segment_id: segmentId, ...fields })
  }
  return before
}

/** The fields of a row to put back as they were (compensation). */
export function stateFields(row: GroupSyncState): StateFields {
  return {
    customer_group_id: row.customer_group_id,
    enabled: row.enabled,
    status: row.status,
    last_synced_at: row.last_synced_at,
    last_error: row.last_error,
    group_member_count: row.group_member_count,
    last_added: row.last_added,
    last_removed: row.last_removed,
    progress_done: row.progress_done,
    progress_total: row.progress_total,
    last_full_check_at: row.last_full_check_at,
    drift_repaired: row.drift_repaired,
  }
}

/** The enabled sync rows left unfinished (`pending`, `filling`): a crash, or an evaluation that was skipped. */
export async function unfinishedSyncStates(c: MedusaContainer): Promise<GroupSyncState[]> {
  return (await segmentModule(c).listSegmentGroupSyncs({
    enabled: true,
    status: ["pending", "filling"],
  })) as GroupSyncState[]
}

/** Thrown by `withGroupSyncLock` when another sync of the same group holds it longer than the wait. */
export class GroupSyncBusy extends Error {}

/**
 * Runs `job` while holding the segment's group sync lock (Medusa's locking module: in-process by
 * default, Redis with the Redis modules, where the lease is renewed while the job runs and freed
 * within `expire` seconds of a crash). Two syncs of one group never interleave, so a customer is
 * never added twice. Throws `GroupSyncBusy` after waiting `waitSeconds`.
 */
export async function withGroupSyncLock<T>(
  c: MedusaContainer,
  segmentId: string,
  waitSeconds: number,
  job: (signal?: AbortSignal) => Promise<T>
): Promise<T> {
  if (!c.hasRegistration(Modules.LOCKING)) {
    return job()
  }
  const locking: ILockingModule = c.resolve(Modules.LOCKING)
  let started = false
  try {
    return await locking.execute(
      `segment-group-sync:${segmentId}`,
      (signal) => {
        started = true
        return job(signal)
      },
      { timeout: waitSeconds, expire: 60 }
    )
  } catch (e) {
    if (!started) {
      throw new GroupSyncBusy(`another sync of segment ${segmentId}'s group is running`)
    }
    throw e
  }
}

export type ManagedGroup = { id: string; name: string; metadata: Record<string, unknown> | null; deleted: boolean }

/** A customer group by id, deleted or not; null when it never existed. */
export async function findGroup(c: MedusaContainer, id: string): Promise<ManagedGroup | null> {
  const [group] = await customerModule(c).listCustomerGroups(
    { id },
    { select: ["id", "name", "metadata", "deleted_at"], withDeleted: true, take: 1 }
  )
  if (!group) {
    return null
  }
  const deletedAt = (group as unknown as { deleted_at?: Date | null }).deleted_at
  return { id: group.id, name: group.name ?? "", metadata: group.metadata ?? null, deleted: Boolean(deletedAt) }
}

/** Whose the group is, and what the merchant should read when it is not this segment's. */
export function ownershipProblem(groupId: string, group: ManagedGroup | null, segmentId: string): string | null {
  if (!group || group.deleted) {
    return `customer group ${groupId} was deleted; POST /admin/segments/${segmentId}/group-sync with { "enabled": true, "resync": true } restores it and syncs it again`
  }
  const owner: GroupOwnership = groupOwnership(group.metadata, segmentId)
  if (owner === "ours") {
    return null
  }
  const found =
    owner === "unmarked"
      ? "has no mark"
      : `is marked for ${JSON.stringify(group.metadata?.[MANAGED_GROUP_METADATA_KEY])}`
  return `customer group ${group.id} (${group.name}) ${found}: metadata.${MANAGED_GROUP_METADATA_KEY} must be "${segmentId}". The sync does not touch a group it does not own; restore the mark, or disable the sync with on_disable "keep" and enable it again for a new group`
}

/** A customer's link to a group (a customer listed twice has two). */
export type GroupLink = { id: string; customer_id: string }

/** The links of a group's customers, or of those among `customerIds`. */
export async function groupLinks(c: MedusaContainer, groupId: string, customerIds?: string[]): Promise<GroupLink[]> {
  const links = await customerModule(c).listCustomerGroupCustomers(
    customerIds ? { customer_group_id: groupId, customer_id: customerIds } : { customer_group_id: groupId },
    { select: ["id", "customer_id"], take: null }
  )
  return links.map((l) => ({ id: l.id, customer_id: l.customer_id }))
}

/**
 * Removes customers from a group by their link rows. `removeCustomerFromGroup(pairs)` looks the
 * links up with one OR per pair, which PostgreSQL runs as a scan of the whole link table per call:
 * removing 100k customers from a 100k group took minutes. The customer module's generated
 * `deleteCustomerGroupCustomers(ids)` is the delete `removeCustomerFromGroup` ends with, by
 * primary key (not in the module's typed interface, so checked here).
 */
export async function removeGroupLinks(c: MedusaContainer, groupId: string, links: GroupLink[]): Promise<void> {
  const service = customerModule(c) as ICustomerModuleService & {
    deleteCustomerGroupCustomers?: (ids: string[]) => Promise<void>
  }
  if (typeof service.deleteCustomerGroupCustomers === "function") {
    await service.deleteCustomerGroupCustomers(links.map((l) => l.id))
  } else {
    await service.removeCustomerFromGroup(
      links.map((l) => ({ customer_id: l.customer_id, customer_group_id: groupId }))
    )
  }
}

/** How many customers a group holds. */
export async function groupMemberCount(c: MedusaContainer, groupId: string): Promise<number> {
  const [, count] = await customerModule(c).listAndCountCustomers({ groups: groupId }, { select: ["id"], take: 1 })
  return count
}
