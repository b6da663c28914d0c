import { countedOrder, orderLinesJoin } from "../../../utils/counted-order"
import { goodsLineSql } from "../../../utils/non-product"
import { pgTextArray, runSql } from "../../../utils/sql"
import type { CustomerSegment, MembershipTrend, ProductCount } from "../types"

/*
 * Reads and closes segment memberships (`segment_membership`, one row per stay; `exited_at` null
 * means a member now). Applying an evaluation's entered/exited is `applyMembership` in
 * ./evaluation.ts. Functions take the entity manager of the caller's context.
 */

const CURRENT = "exited_at is null and deleted_at is null"

/** Ends every current membership of a segment and zeroes its count; returns how many ended. */
export async function closeMemberships(db: unknown, segmentId: string): Promise<number> {
  const rows = await runSql(
    db,
    `update segment_membership set exited_at = now(), updated_at = now()
      where segment_id = ? and ${CURRENT} returning id`,
    [segmentId]
  )
  await runSql(db, "update segment set member_count = 0 where id = ?", [segmentId])
  return rows.length
}

/** The (not deleted) segments a customer is a member of now: priority desc, then name. */
export async function listCustomerSegments(db: unknown, customerId: string): Promise<CustomerSegment[]> {
  const rows = await runSql<CustomerSegment>(
    db,
    `select s.id, s.name, s.handle, s.status, s.priority, s.exclusive, m.entered_at
      from segment_membership m join segment s on s.id = m.segment_id and s.deleted_at is null
      where m.customer_id = ? and m.exited_at is null and m.deleted_at is null
      order by s.priority desc, s.name`,
    [customerId]
  )
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    handle: r.handle,
    status: r.status,
    priority: Number(r.priority),
    exclusive: Boolean(r.exclusive),
    entered_at: r.entered_at,
  }))
}

/** Ids of the segments a customer is a member of now, sorted. */
export async function listCustomerSegmentIds(db: unknown, customerId: string): Promise<string[]> {
  const rows = await runSql<{ segment_id: string }>(
    db,
    `select distinct segment_id from segment_membership where customer_id = ? and ${CURRENT} order by segment_id`,
    [customerId]
  )
  return rows.map((r) => r.segment_id)
}

/**
 * Per segment: memberships entered and ended since `since`, and the last time one ended (the plan's
 * member trend), in one pass over the segments' membership rows. Segments with no rows are absent.
 */
export async function membershipTrends(db: unknown, ids: string[], since: Date): Promise<MembershipTrend[]> {
  const rows = await runSql<{ segment_id: string; entered: number; exited: number; last_exit_at: Date | null }>(
    db,
    `select segment_id,
        count(*) filter (where entered_at >= ?)::int as entered,
        count(*) filter (where exited_at >= ?)::int as exited,
        max(exited_at) as last_exit_at
      from segment_membership
      where segment_id = any(?::text[]) and deleted_at is null
      group by segment_id`,
    [since, since, pgTextArray(ids)]
  )
  return rows.map((r) => ({
    segment_id: r.segment_id,
    entered: Number(r.entered),
    exited: Number(r.exited),
    last_exit_at: r.last_exit_at ? new Date(r.last_exit_at) : null,
  }))
}

/** Current members shared by every pair of segments (each with itself: its size); all segments when `ids` is null. */
export async function overlapMatrix(
  db: unknown,
  ids: string[] | null
): Promise<{ segment_id: string; other_segment_id: string; count: number }[]> {
  const rows = await runSql<{ segment_id: string; other_segment_id: string; count: number }>(
    db,
    `select a.segment_id, b.segment_id as other_segment_id, count(*)::int as count
      from segment_membership a
      join segment_membership b on b.customer_id = a.customer_id and b.exited_at is null and b.deleted_at is null
      join segment sa on sa.id = a.segment_id and sa.deleted_at is null
      join segment sb on sb.id = b.segment_id and sb.deleted_at is null
      where a.exited_at is null and a.deleted_at is null
        ${ids ? "and a.segment_id = any(?::text[])" : ""}
      group by a.segment_id, b.segment_id
      order by a.segment_id, b.segment_id`,
    ids ? [pgTextArray(ids)] : []
  )
  return rows.map((r) => ({ segment_id: r.segment_id, other_segment_id: r.other_segment_id, count: Number(r.count) }))
}

/**
 * Best sellers among the current members of these segments: per product, the distinct members who
 * bought it in counted orders (lines of goods with a product and a positive quantity: postage, fees
 * and products flagged `metadata.non_product` are no best sellers, src/utils/non-product.ts); count
 * desc, then id.
 */
export async function popularProductsAmongMembers(
  db: unknown,
  segmentIds: string[],
  limit: number
): Promise<ProductCount[]> {
  const rows = await runSql<ProductCount>(
    db,
    `select li.product_id, count(distinct o.customer_id)::int as count
      from "order" o
      ${orderLinesJoin("o", "join")}
      where ${countedOrder("o")}
        and o.customer_id is not null and li.product_id is not null and oi.quantity > 0
        and ${goodsLineSql("li")}
        and o.customer_id in (
          select sm.customer_id from segment_membership sm
          where sm.segment_id in (?) and sm.exited_at is null and sm.deleted_at is null
        )
      group by li.product_id
      order by count desc, li.product_id
      limit ?`,
    [segmentIds, limit]
  )
  return rows.map((r) => ({ product_id: r.product_id, count: Number(r.count) }))
}

/**
 * One page of a segment's current members in customer id order, after `after` (keyset
 * pagination on the unique (segment_id, customer_id) index of current stays): the members export
 * reads any number of members in pages of `limit` without an offset scan.
 */
export async function listCurrentMembersAfter(
  db: unknown,
  segmentId: string,
  after: string | null,
  limit: number
): Promise<{ customer_id: string; entered_at: Date }[]> {
  return runSql<{ customer_id: string; entered_at: Date }>(
    db,
    `select customer_id, entered_at from segment_membership
      where segment_id = ? and ${CURRENT} and customer_id > ?
      order by customer_id
      limit ?`,
    [segmentId, after ?? "", limit]
  )
}
