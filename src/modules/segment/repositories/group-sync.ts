import { pgTextArray, runSql } from "../../../utils/sql"

/*
 * Reads for the segment -> customer group sync over the module's own tables. The group's side
 * (customer_group_customer) is the customer module's: the sync reads and writes it through that
 * module's service, never here.
 */

/**
 * Ids of a segment's current members, sorted; only among `customerIds` when given (an incremental
 * sync after an order or a profile change).
 */
export async function currentMemberIds(db: unknown, segmentId: string, customerIds?: string[]): Promise<string[]> {
  const rows = await runSql<{ customer_id: string }>(
    db,
    `select distinct customer_id from segment_membership
      where segment_id = ? and exited_at is null and deleted_at is null
        ${customerIds ? "and customer_id = any(?::text[])" : ""}
      order by customer_id`,
    customerIds ? [segmentId, pgTextArray(customerIds)] : [segmentId]
  )
  return rows.map((r) => r.customer_id)
}
