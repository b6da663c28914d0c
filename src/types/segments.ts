/**
 * The segment admin API's request and response shapes, as they travel over the wire (dates as ISO
 * strings). Shared by the API routes (`src/api/admin/segments`) and the admin hooks
 * (`src/admin/hooks/segments.ts`).
 */

import type { ConditionNode, RuleNode } from "../modules/segment/utils/rules"

/** A leaf of a rule tree: "fact OP value" (one definition: `src/modules/segment/utils/rules.ts`). */
export type AdminRuleCondition = ConditionNode

/** A rule tree: empty `all` matches every customer, empty `any` nobody. */
export type AdminRuleNode = RuleNode

export type AdminSegmentStatus = "draft" | "active" | "archived"

export type AdminSegment = {
  id: string
  name: string
  handle: string
  description: string | null
  owner_id: string | null
  status: AdminSegmentStatus
  priority: number
  exclusive: boolean
  currency_code: string
  include_guest_orders: boolean
  rules: AdminRuleNode | null
  version: number
  member_count: number
  last_evaluated_at: string | null
  /** Why the last evaluation failed (membership kept as it was); null when it succeeded. */
  last_error: string | null
  last_error_at: string | null
  error_count: number
  created_at: string
  updated_at: string
}

/** An attribute a condition can test (`GET /admin/segments/attributes`). */
export type AdminSegmentAttribute = {
  name: string
  type: "number" | "date" | "string" | "boolean" | "string_set" | "purchase"
  kind: string
  windowable: boolean
  requiresKey?: boolean
  values?: readonly string[]
  label: string
  source: string
}

/** An operator and the attribute types it applies to. */
export type AdminSegmentOperator = {
  name: string
  types: readonly string[]
  shape: "none" | "scalar" | "pair" | "list"
  semantics: string
}

/** A live preview of a rule tree: the matching count, samples with their facts, and what each node excludes. */
export type AdminSegmentPreview = {
  count: number
  total_customers: number
  took_ms: number
  samples: {
    customer_id: string
    email: string | null
    facts: { path: string; attribute: string; value: unknown }[]
  }[]
  excluded_by: { path: string; excludes: number }[]
}

export type AdminSegmentMember = {
  id: string
  customer_id: string
  entered_at: string
  exited_at: string | null
  customer: { id: string; email: string | null; first_name: string | null; last_name: string | null } | null
}

export type AdminSegmentVersion = {
  id: string
  version: number
  actor_id: string | null
  created_at: string
  definition: Partial<AdminSegment>
}

export type AdminSegmentOverlap = { segment_id: string; other_segment_id: string; count: number }

/** A segment a customer is in now (`GET /admin/segments?customer_id=`). */
export type AdminCustomerSegment = {
  id: string
  name: string
  handle: string
  status: string
  priority: number
  entered_at: string
}

/** One segment's evaluation: who entered and exited; `error` when it failed and membership was kept. */
export type AdminSegmentEvaluationResult = {
  segment_id: string
  entered: number
  exited: number
  member_count: number
  evaluated_at: string
  error?: string
}

/** `POST /admin/segments/:id/evaluate`: this segment, then the lower-priority segments it cascaded to. */
export type AdminSegmentEvaluation = AdminSegmentEvaluationResult & {
  took_ms: number
  cascaded: AdminSegmentEvaluationResult[]
}

/** The body of `POST /admin/segments` and `POST /admin/segments/:id`. */
export type AdminSegmentBody = Partial<
  Pick<
    AdminSegment,
    "name" | "handle" | "description" | "status" | "priority" | "exclusive" | "currency_code" | "include_guest_orders"
  >
> & { rules?: AdminRuleNode; reason?: string }

/** The body of `POST /admin/segments/preview`. */
export type AdminSegmentPreviewBody = { rules: AdminRuleNode; currency_code: string; include_guest_orders?: boolean }

type Page = { count: number; offset: number; limit: number }

export type AdminSegmentResponse = { segment: AdminSegment }
export type AdminSegmentListResponse = { segments: AdminSegment[] } & Page
export type AdminCustomerSegmentListResponse = { segments: AdminCustomerSegment[] } & Page
export type AdminSegmentMemberListResponse = { members: AdminSegmentMember[] } & Page
export type AdminSegmentVersionListResponse = { versions: AdminSegmentVersion[] } & Page
/** Only the fields the matrix needs. */
export type AdminOverlapSegment = Pick<
  AdminSegment,
  "id" | "name" | "handle" | "member_count" | "exclusive" | "priority" | "status"
>
export type AdminSegmentOverlapResponse = { segments: AdminOverlapSegment[]; overlaps: AdminSegmentOverlap[] }
export type AdminSegmentAttributesResponse = { attributes: AdminSegmentAttribute[]; operators: AdminSegmentOperator[] }
export type AdminSegmentPreviewResponse = { preview: AdminSegmentPreview }
export type AdminSegmentEvaluateResponse = { evaluation: AdminSegmentEvaluation; segment: AdminSegment }
