/**
 * Membership events on Medusa's event bus (issue 13), emitted once per change by every evaluation
 * that changes a segment's members (full evaluations, the hourly job, incremental updates after
 * `order.placed` / `order.canceled` / `customer.*`), never by one that changes nothing.
 */
export const SegmentEvents = {
  CUSTOMERS_ENTERED: "segment.customers_entered",
  CUSTOMERS_EXITED: "segment.customers_exited",
} as const

/** Customer ids per event: a change of 100k members is 100 events. */
export const MEMBERSHIP_EVENT_BATCH = 1000

/** The payload of `segment.customers_entered` and `segment.customers_exited`. */
export type SegmentMembershipEventData = {
  segment_id: string
  /** The segment definition's version the evaluation ran. */
  version: number
  /** ISO time of the evaluation. */
  evaluated_at: string
  /** One batch (at most MEMBERSHIP_EVENT_BATCH), sorted. */
  customer_ids: string[]
  /** This batch's place among the change's batches: 1 of 1 for most changes. */
  batch: number
  batches: number
}

/** The events of one evaluation's change: entered then exited, each in batches. */
export function membershipEvents(change: {
  segment_id: string
  version?: number
  evaluated_at: Date | string
  entered_ids?: string[]
  exited_ids?: string[]
}): { name: string; data: SegmentMembershipEventData }[] {
  const at = new Date(change.evaluated_at).toISOString()
  const out: { name: string; data: SegmentMembershipEventData }[] = []
  const add = (name: string, ids: string[] = []) => {
    const total = Math.ceil(ids.length / MEMBERSHIP_EVENT_BATCH)
    for (let i = 0; i < total; i++) {
      out.push({
        name,
        data: {
          segment_id: change.segment_id,
          version: change.version ?? 1,
          evaluated_at: at,
          customer_ids: ids.slice(i * MEMBERSHIP_EVENT_BATCH, (i + 1) * MEMBERSHIP_EVENT_BATCH),
          batch: i + 1,
          batches: total,
        },
      })
    }
  }
  add(SegmentEvents.CUSTOMERS_ENTERED, change.entered_ids)
  add(SegmentEvents.CUSTOMERS_EXITED, change.exited_ids)
  return out
}
