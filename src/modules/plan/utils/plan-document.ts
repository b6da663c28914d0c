import type {
  AdminPlanResponse,
  DataGap,
  PlanAlert,
  PlanDecision,
  PlanFlag,
  PlanLift,
  PlanObjective,
  PlanRequirement,
  PlanRule,
  PlanSegment,
  RequirementTargetType,
} from "../../../types/plan"
import type { RequirementView } from "./sources"
import { ruleTreeInWords } from "./words"

type DateLike = Date | string | null

/** What the plan is built from, gathered by the plan workflow from every module (plain data). */
export type PlanContext = {
  now: Date
  objectives: {
    id: string
    name: string
    status: string
    metric: string
    direction: string
    baseline: number | null
    target: number | null
    deadline: DateLike
    rationale: string | null
    lift: PlanLift | null
    segment_ids: string[]
  }[]
  segments: {
    id: string
    name: string
    status: string
    rules: unknown
    member_count: number
    created_at: DateLike
    entered_30d: number
    exited_30d: number
    last_exit_at: DateLike
  }[]
  rules: {
    id: string
    name: string
    status: string
    action: string
    target_type: string
    target_id: string
    objective_id: string | null
    segment_id: string | null
    impressions: number
  }[]
  requirements: RequirementView[]
  reviews: { entity_type: string; entity_id: string; review_by: DateLike }[]
  decisions: PlanDecision[]
  gaps: DataGap[]
}

const DAY_MS = 86400000
/** Days without members after which a segment needs attention. */
export const EMPTY_SEGMENT_DAYS = 30
/** Verdicts that answer "is it working" (the others say there is not enough to tell). */
const CONCLUSIVE = ["treatment_wins", "holdout_wins", "no_significant_difference"]
const PRIORITY_ORDER: Record<string, number> = { must: 0, should: 1, could: 2 }

const iso = (d: DateLike) => (d ? new Date(d).toISOString() : null)
const day = (d: DateLike) => (d ? new Date(d).toISOString().slice(0, 10) : "")

/**
 * The plan as one connected record: objectives, and under each its requirements, segments, rules,
 * the data gaps that block them and their decisions; what needs attention (review cadence) and
 * the traceability flags at the top. Pure: the same context always gives the same document.
 */
export function buildPlan(ctx: PlanContext): AdminPlanResponse {
  const now = ctx.now
  const objectiveIds = new Set(ctx.objectives.map((o) => o.id))
  const decisionsOf = (type: string, id: string) =>
    ctx.decisions.filter((d) => d.entity_type === type && d.entity_id === id).sort((a, b) => a.at.localeCompare(b.at))
  const reviewOf = (type: string, id: string) =>
    iso(ctx.reviews.find((r) => r.entity_type === type && r.entity_id === id)?.review_by ?? null)
  const linked = (links: RequirementView["links"], type: RequirementTargetType) =>
    links.filter((l) => l.target_type === type).map((l) => l.target_id)
  const requirementsLinking = (type: RequirementTargetType, id: string) =>
    ctx.requirements.filter((r) => r.links.some((l) => l.target_type === type && l.target_id === id)).map((r) => r.id)
  const gapsBlocking = (type: string, ids: string[]) =>
    ctx.gaps.filter((g) => g.blocks.some((b) => b.type === type && ids.includes(b.id)))

  const requirements: PlanRequirement[] = [...ctx.requirements]
    .sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority])
    .map(({ links, ...fields }) => ({
      ...fields,
      segment_ids: linked(links, "segment"),
      rule_ids: linked(links, "recommendation_rule"),
      data_source_ids: linked(links, "data_source"),
      decisions: decisionsOf("requirement", fields.id),
    }))
  const segments = new Map<string, PlanSegment>(
    ctx.segments.map((s) => [
      s.id,
      {
        id: s.id,
        name: s.name,
        status: s.status,
        definition: ruleTreeInWords(s.rules),
        members: s.member_count,
        trend: { entered_30d: s.entered_30d, exited_30d: s.exited_30d },
        review_by: reviewOf("segment", s.id),
        requirement_ids: requirementsLinking("segment", s.id),
        data_gaps: gapsBlocking("segment", [s.id]),
        decisions: decisionsOf("segment", s.id),
      },
    ])
  )
  const rules: PlanRule[] = ctx.rules.map((r) => ({
    ...r,
    requirement_ids: requirementsLinking("recommendation_rule", r.id),
    decisions: decisionsOf("recommendation_rule", r.id),
  }))

  const objectives: PlanObjective[] = ctx.objectives.map((o) => {
    const reqs = requirements.filter((r) => r.objective_id === o.id)
    const ruleIds = new Set([
      ...rules.filter((r) => r.objective_id === o.id).map((r) => r.id),
      ...reqs.flatMap((r) => r.rule_ids),
    ])
    const objectiveRules = rules.filter((r) => ruleIds.has(r.id))
    const segmentIds = new Set([
      ...o.segment_ids,
      ...reqs.flatMap((r) => r.segment_ids),
      ...objectiveRules.map((r) => r.segment_id).filter((id): id is string => !!id),
    ])
    const objectiveSegments = [...segments.values()].filter((s) => segmentIds.has(s.id))
    return {
      id: o.id,
      name: o.name,
      status: o.status,
      metric: o.metric,
      direction: o.direction,
      baseline: o.baseline,
      target: o.target,
      deadline: iso(o.deadline),
      review_by: reviewOf("objective", o.id),
      rationale: o.rationale,
      lift: o.lift,
      requirements: reqs,
      segments: objectiveSegments,
      rules: objectiveRules,
      data_gaps: [...new Set([...gapsBlocking("objective", [o.id]), ...gapsBlocking("segment", [...segmentIds])])],
      decisions: decisionsOf("objective", o.id),
    }
  })
  const placedRules = new Set(objectives.flatMap((o) => o.rules.map((r) => r.id)))

  return {
    generated_at: now.toISOString(),
    attention: attention(ctx, now),
    flags: traceabilityFlags(ctx),
    objectives,
    unanchored: {
      requirements: requirements.filter((r) => !r.objective_id || !objectiveIds.has(r.objective_id)),
      rules: rules.filter((r) => !placedRules.has(r.id)),
    },
    data_gaps: ctx.gaps,
  }
}

/**
 * The traceability flags: a requirement with no objective (or one that no longer exists), an
 * objective (not abandoned) with no requirement, a rule (not archived) with neither objective nor
 * requirement, a requirement nothing satisfies.
 */
export function traceabilityFlags(ctx: Pick<PlanContext, "objectives" | "rules" | "requirements">): PlanFlag[] {
  const flags: PlanFlag[] = []
  const objectiveIds = new Set(ctx.objectives.map((o) => o.id))
  for (const r of ctx.requirements) {
    if (!r.objective_id || !objectiveIds.has(r.objective_id)) {
      flags.push({
        kind: "requirement_without_objective",
        entity_type: "requirement",
        entity_id: r.id,
        label: r.statement,
        message: `Requirement "${r.statement}" serves no objective`,
      })
    }
    if (!r.links.length) {
      flags.push({
        kind: "requirement_not_satisfied",
        entity_type: "requirement",
        entity_id: r.id,
        label: r.statement,
        message: `Requirement "${r.statement}" is satisfied by no segment, rule or data source`,
      })
    }
  }
  for (const o of ctx.objectives) {
    if (o.status !== "abandoned" && !ctx.requirements.some((r) => r.objective_id === o.id)) {
      flags.push({
        kind: "objective_without_requirement",
        entity_type: "objective",
        entity_id: o.id,
        label: o.name,
        message: `Objective "${o.name}" has no requirement`,
      })
    }
  }
  for (const rule of ctx.rules) {
    const required = ctx.requirements.some((r) =>
      r.links.some((l) => l.target_type === "recommendation_rule" && l.target_id === rule.id)
    )
    if (rule.status !== "archived" && !rule.objective_id && !required) {
      flags.push({
        kind: "rule_without_requirement_or_objective",
        entity_type: "recommendation_rule",
        entity_id: rule.id,
        label: rule.name,
        message: `Rule "${rule.name}" has neither an objective nor a requirement`,
      })
    }
  }
  return flags
}

/**
 * Review cadence: overdue reviews, active segments with no members for `EMPTY_SEGMENT_DAYS`,
 * active rules with no impressions, objectives past their deadline
 * without a conclusive verdict.
 */
export function attention(ctx: PlanContext, now: Date): PlanAlert[] {
  const alerts: PlanAlert[] = []
  const names = new Map<string, string>([
    ...ctx.objectives.map((o): [string, string] => [`objective:${o.id}`, o.name]),
    ...ctx.segments.map((s): [string, string] => [`segment:${s.id}`, s.name]),
  ])
  for (const r of ctx.reviews) {
    const name = names.get(`${r.entity_type}:${r.entity_id}`)
    if (name !== undefined && r.review_by && new Date(r.review_by) < now) {
      alerts.push({
        kind: "review_overdue",
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        label: name,
        message: `Review of ${r.entity_type} "${name}" was due ${day(r.review_by)}`,
      })
    }
  }
  const emptySince = new Date(now.getTime() - EMPTY_SEGMENT_DAYS * DAY_MS)
  for (const s of ctx.segments) {
    const oldEnough = s.created_at ? new Date(s.created_at) <= emptySince : false
    const noRecentMember = !s.last_exit_at || new Date(s.last_exit_at) <= emptySince
    if (s.status === "active" && s.member_count === 0 && oldEnough && noRecentMember) {
      alerts.push({
        kind: "segment_empty",
        entity_type: "segment",
        entity_id: s.id,
        label: s.name,
        message: `Segment "${s.name}" has had no members for ${EMPTY_SEGMENT_DAYS} days`,
      })
    }
  }
  for (const r of ctx.rules) {
    if (r.status === "active" && r.impressions === 0) {
      alerts.push({
        kind: "rule_no_impressions",
        entity_type: "recommendation_rule",
        entity_id: r.id,
        label: r.name,
        message: `Rule "${r.name}" has no impressions`,
      })
    }
  }
  for (const o of ctx.objectives) {
    const open = o.status === "active" || o.status === "draft"
    if (open && o.deadline && new Date(o.deadline) < now && !CONCLUSIVE.includes(o.lift?.verdict ?? "")) {
      alerts.push({
        kind: "objective_past_deadline",
        entity_type: "objective",
        entity_id: o.id,
        label: o.name,
        message: `Objective "${o.name}" passed its deadline ${day(o.deadline)} without a verdict`,
      })
    }
  }
  return alerts
}
