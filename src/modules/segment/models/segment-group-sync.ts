import { model } from "@medusajs/framework/utils"

/**
 * A segment's sync to the one Medusa customer group it owns (issue 13). The group itself lives in
 * the customer module and carries `metadata.personalization_segment_id = segment_id`; this row is
 * the sync's state. One row per segment (kept when the sync is disabled, with `enabled` false and
 * no group).
 */
const SegmentGroupSync = model
  .define("segment_group_sync", {
    id: model.id({ prefix: "seggs" }).primaryKey(),
    segment_id: model.text(),
    customer_group_id: model.text().nullable(),
    enabled: model.boolean().default(false),
    status: model.enum(["disabled", "pending", "filling", "synced", "error"]).default("disabled"),
    last_synced_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    /** Customers in the group after the last sync; null before the first one. */
    group_member_count: model.number().nullable(),
    last_added: model.number().default(0),
    last_removed: model.number().default(0),
    /** A background fill's progress: customers added or removed so far, out of the difference it found. */
    progress_done: model.number().nullable(),
    progress_total: model.number().nullable(),
    /** The last full compare of the group with the members (enable, resync, the hourly job). */
    last_full_check_at: model.dateTime().nullable(),
    /** Customers the last full compare of an already synced group found out of place and put right. */
    drift_repaired: model.number().default(0),
  })
  .indexes([
    { on: ["segment_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_group_id"], where: "deleted_at IS NULL" },
  ])

export default SegmentGroupSync
