/**
 * The plan's admin API shapes as they travel over the wire (dates as ISO strings): requirements,
 * declared data sources, the data map and the plan document. Shared by the routes
 * (`src/api/admin/requirements`, `src/api/admin/data-map`, `src/api/admin/personalization/plan`),
 * the plan module's pure builders and the admin hooks (`src/admin/hooks/plan.ts`).
 */

export type RequirementRole = "marketing" | "merchandising" | "technology" | "analytics"
export type RequirementPriority = "must" | "should" | "could"
export type RequirementTargetType = "segment" | "recommendation_rule" | "data_source"

export type AdminRequirementLink = { target_type: RequirementTargetType; target_id: string }

export type AdminRequirement = {
  id: string
  role: RequirementRole
  statement: string
  acceptance_criterion: string
  priority: RequirementPriority
  owner: string | null
  objective_id: string | null
  links: AdminRequirementLink[]
  created_at: string
  updated_at: string
}

export type AdminRequirementResponse = { requirement: AdminRequirement }
export type AdminRequirementListResponse = {
  requirements: AdminRequirement[]
  count: number
  offset: number
  limit: number
}

export type DataSourceKind = "pos" | "crm" | "email" | "erp" | "other"
export type DataSourceSyncMethod = "none" | "manual" | "batch" | "api" | "webhook"
/** One thing an external system holds, and the Medusa source it would feed. */
export type DataSourceHolding = { feeds: MedusaSourceKeyWire; what: string }
export type MedusaSourceKeyWire = "customers" | "orders" | "products" | "categories" | "carts" | "events"

export type AdminDataSource = {
  id: string
  name: string
  kind: DataSourceKind
  owner: string | null
  description: string | null
  holds: DataSourceHolding[]
  sync_method: DataSourceSyncMethod
  sync_interval_hours: number | null
  reaches_medusa: boolean
  last_synced_at: string | null
  created_at: string
  updated_at: string
}

export type AdminDataSourceResponse = { data_source: AdminDataSource }
export type AdminDataSourceListResponse = {
  data_sources: AdminDataSource[]
  count: number
  offset: number
  limit: number
}

/** One attribute of a detected Medusa source: how many records have it. */
export type SourceAttribute = { name: string; filled: number; fill_rate: number | null }

/** A Medusa source found in the store's own tables. */
export type DetectedSource = {
  id: string
  key: MedusaSourceKeyWire
  name: string
  records: number
  newest_record_at: string | null
  /** hours between the newest record and now */
  update_lag_hours: number | null
  attributes: SourceAttribute[]
  /** the latest completed audit's findings on this source's entity */
  findings: { check_id: string; title: string; severity: string; affected: number; total: number }[]
}

/** What a segment attribute, objective metric or strategy needs, and which of it is missing. */
export type BlockedItem = { type: "segment" | "objective" | "strategy"; id: string; label: string; needs: string[] }

/** A source that does not reach Medusa, is stale beyond its sync interval, or (detected) is empty or future-dated. */
export type DataGap = {
  source_id: string
  source_name: string
  problem: "not_reaching" | "stale" | "empty" | "future_dated"
  message: string
  blocks: BlockedItem[]
}

export type AdminDataMapResponse = {
  medusa_sources: DetectedSource[]
  declared_sources: AdminDataSource[]
  gaps: DataGap[]
  needs: {
    segments: { id: string; name: string; attributes: { attribute: string; sources: string[] }[] }[]
    objectives: { id: string; name: string; metric: string; sources: string[] }[]
    strategies: { strategy: string; sources: string[] }[]
  }
}

export type PlanDecision = {
  entity_type: string
  entity_id: string
  action: string
  who: string | null
  at: string
  reason: string | null
}

export type PlanFlagKind =
  | "requirement_without_objective"
  | "objective_without_requirement"
  | "rule_without_requirement_or_objective"
  | "requirement_not_satisfied"

export type PlanFlag = { kind: PlanFlagKind; entity_type: string; entity_id: string; label: string; message: string }

export type PlanAlertKind = "review_overdue" | "segment_empty" | "rule_no_impressions" | "objective_past_deadline"

export type PlanAlert = { kind: PlanAlertKind; entity_type: string; entity_id: string; label: string; message: string }

export type PlanRule = {
  id: string
  name: string
  status: string
  action: string
  target_type: string
  target_id: string
  objective_id: string | null
  segment_id: string | null
  /** Impression events of the served lists the rule acted on (serves kept `serve_retention_days`). */
  impressions: number
  requirement_ids: string[]
  decisions: PlanDecision[]
}

export type PlanSegment = {
  id: string
  name: string
  status: string
  definition: string
  members: number
  /** members who entered and left in the last 30 days */
  trend: { entered_30d: number; exited_30d: number }
  review_by: string | null
  requirement_ids: string[]
  data_gaps: DataGap[]
  decisions: PlanDecision[]
}

export type PlanRequirement = {
  id: string
  role: RequirementRole
  statement: string
  acceptance_criterion: string
  priority: RequirementPriority
  owner: string | null
  objective_id: string | null
  segment_ids: string[]
  rule_ids: string[]
  data_source_ids: string[]
  decisions: PlanDecision[]
}

export type PlanLift = {
  difference: number
  ci_low: number
  ci_high: number
  verdict: string
  message: string
  period_end: string | null
}

export type PlanObjective = {
  id: string
  name: string
  status: string
  metric: string
  direction: string
  baseline: number | null
  target: number | null
  deadline: string | null
  review_by: string | null
  rationale: string | null
  lift: PlanLift | null
  requirements: PlanRequirement[]
  segments: PlanSegment[]
  rules: PlanRule[]
  data_gaps: DataGap[]
  decisions: PlanDecision[]
}

export type AdminPlanResponse = {
  generated_at: string
  attention: PlanAlert[]
  flags: PlanFlag[]
  objectives: PlanObjective[]
  /** requirements with no objective and rules with neither objective nor requirement */
  unanchored: { requirements: PlanRequirement[]; rules: PlanRule[] }
  data_gaps: DataGap[]
}
