import type { InferTypeOf } from "@medusajs/framework/types"
import type Segment from "./models/segment"
import type SegmentMembership from "./models/segment-membership"
import type SegmentVersion from "./models/segment-version"
import type SegmentOrderFact from "./models/segment-order-fact"
import type SegmentGroupSync from "./models/segment-group-sync"

export type SegmentDTO = InferTypeOf<typeof Segment>
export type SegmentMembershipDTO = InferTypeOf<typeof SegmentMembership>
export type SegmentVersionDTO = InferTypeOf<typeof SegmentVersion>
export type SegmentOrderFactDTO = InferTypeOf<typeof SegmentOrderFact>

export type { PreviewResult, PreviewSample } from "./utils"

/** A segment a customer is in now, with when they entered. */
export type CustomerSegment = Pick<SegmentDTO, "id" | "name" | "handle" | "status" | "priority" | "exclusive"> & {
  entered_at: Date
}

export type PreviewInput = {
  rules: unknown
  currency_code: string
  include_guest_orders?: boolean
  now?: Date
  sample_size?: number
}

export type EvaluationResult = {
  segment_id: string
  entered: number
  exited: number
  member_count: number
  evaluated_at: Date
  /** Set when this segment's evaluation failed: its membership was left as it was. */
  error?: string
  /** The segment's definition version evaluated (absent when the evaluation failed). */
  version?: number
  /** Who entered and who exited, sorted (absent when the evaluation failed). */
  entered_ids?: string[]
  exited_ids?: string[]
  /** The customers an incremental evaluation was limited to; absent for a full evaluation. */
  customer_ids?: string[]
}

/** A product and the number of distinct customers who bought it. */
export type ProductCount = { product_id: string; count: number }

/** A segment's memberships entered and ended since a date, and when one last ended. */
export type MembershipTrend = { segment_id: string; entered: number; exited: number; last_exit_at: Date | null }

/** A page of a segment's current members with the fact of each rule condition (the members export). */
export type MembersWithFacts = {
  /** One per rule condition, in the order of each member's `facts`. */
  fact_headers: string[]
  members: { customer_id: string; entered_at: Date; facts: (string | number | boolean | null)[] }[]
}

export type SegmentGroupSyncDTO = InferTypeOf<typeof SegmentGroupSync>
