/**
 * The segment -> customer group sync's admin API shapes (issue 13), as they travel over the wire
 * (dates as ISO strings). Shared by the API routes (`src/api/admin/segments/[id]/group-sync`) and the
 * admin (segment detail, the customer group widget).
 *
 * A managed customer group carries `metadata[MANAGED_GROUP_METADATA_KEY] = <segment id>`; the sync
 * never adds to, removes from or deletes a group without that mark for its own segment.
 */
export const MANAGED_GROUP_METADATA_KEY = "personalization_segment_id"

/**
 * - `disabled`: no sync (never enabled, or turned off).
 * - `pending`: enabled, a sync is due or was cut short (a crash); the next evaluation, the hourly job
 *   or a resync compares the whole group and finishes it.
 * - `filling`: a large sync (first fill, resync, a change of thousands of members) runs in the
 *   background; `progress` says how far it is. A fill cut short by a crash resumes at the next
 *   evaluation, the hourly job or a resync, from where it stopped (it compares actual state).
 * - `synced`: the group's members equal the segment's members as of `last_synced_at`.
 * - `error`: the last sync failed (`last_error` says why: group deleted, mark removed by hand...);
 *   nothing is lost, the next evaluation or `POST .../group-sync` retries.
 */
export type SegmentGroupSyncStatus = "disabled" | "pending" | "filling" | "synced" | "error"

export type AdminSegmentGroupSync = {
  segment_id: string
  enabled: boolean
  status: SegmentGroupSyncStatus
  customer_group_id: string | null
  customer_group_name: string | null
  last_synced_at: string | null
  last_error: string | null
  /** The segment's current members. */
  member_count: number
  /** Customers in the group as of the last sync, null before the first one. */
  group_member_count: number | null
  /** Added to / removed from the group by the last sync. */
  last_added: number
  last_removed: number
  /** While `filling` (or a fill cut short, `pending`): customers added or removed so far, out of `total`. */
  progress: { done: number; total: number } | null
  /** The last full compare of the group with the members (enable, resync, the hourly job). */
  last_full_check_at: string | null
  /** Customers the last full compare of an already synced group found out of place (hand edits, lost updates) and put right. */
  drift_repaired: number
}

/** `GET /admin/segments/:id/group-sync` and every `POST` to it. */
export type AdminSegmentGroupSyncResponse = { group_sync: AdminSegmentGroupSync }

/**
 * `POST /admin/segments/:id/group-sync`:
 * - `{ enabled: true }` creates (or re-adopts) the managed group and syncs it: now when it is small
 *   (up to 5,000 members), else in the background (the answer says `filling`);
 * - `{ enabled: false, on_disable: "keep" | "delete" }` stops syncing and keeps the group (unmarked,
 *   the merchant's from then on) or deletes it; `on_disable` is required when disabling;
 * - `{ enabled: true, resync: true }` re-runs a full sync (after an error, or to resume a fill cut short).
 */
export type AdminSegmentGroupSyncBody =
  { enabled: true; resync?: boolean } | { enabled: false; on_disable: "keep" | "delete" }
