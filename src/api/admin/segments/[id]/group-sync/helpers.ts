import type { MedusaContainer } from "@medusajs/framework/types"
import { customerModule, readSyncState } from "../../../../../workflows/segment/group-sync/customer-groups"
import type { StoredSegment } from "../../helpers"
import type { Served } from "../../../../../types/served"
import type { AdminSegmentGroupSync } from "../../../../../types/segment-group-sync"

/** The wire shape of a segment's group sync (a segment never synced answers `disabled`). */
export async function groupSyncResponse(
  scope: MedusaContainer,
  segment: StoredSegment
): Promise<Served<AdminSegmentGroupSync>> {
  const state = await readSyncState(scope, segment.id)
  const groupId = state?.customer_group_id ?? null
  const [group] = groupId ? await customerModule(scope).listCustomerGroups({ id: groupId }, { select: ["name"] }) : []
  return {
    segment_id: segment.id,
    enabled: state?.enabled ?? false,
    status: state?.status ?? "disabled",
    customer_group_id: groupId,
    customer_group_name: group?.name ?? null,
    last_synced_at: state?.last_synced_at ?? null,
    last_error: state?.last_error ?? null,
    member_count: segment.member_count,
    group_member_count: state?.group_member_count ?? null,
    last_added: state?.last_added ?? 0,
    last_removed: state?.last_removed ?? 0,
    progress:
      state?.progress_done !== null && state?.progress_done !== undefined
        ? { done: state.progress_done, total: state.progress_total ?? 0 }
        : null,
    last_full_check_at: state?.last_full_check_at ?? null,
    drift_repaired: state?.drift_repaired ?? 0,
  }
}
