import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DATA_AUDIT_MODULE } from "../../../modules/data_audit"
import type DataAuditModuleService from "../../../modules/data_audit/service"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import type ObjectiveModuleService from "../../../modules/objective/service"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import { RECOMMENDATION_MODULE } from "../../../modules/recommendation"
import type RecommendationModuleService from "../../../modules/recommendation/service"
import { SEGMENT_MODULE } from "../../../modules/segment"
import type SegmentModuleService from "../../../modules/segment/service"
import { requirementView } from "../../../modules/plan/utils/sources"
import type { PlanInputs } from "../../../modules/plan/utils/plan-inputs"
import type { DataSourceHolding, PlanDecision } from "../../../types/plan"

export const gatherPlanContextStepId = "gather-plan-context"

const DAY_MS = 86400000
const ALL = { take: null }
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/**
 * Everything the plan and the data map are built from, read through each module's service (and
 * `query.graph` for the objective-segment link and admin users), never their tables: objectives
 * with their latest lift, segments with their member trend, rules with impressions, the plan
 * module's requirements, declared sources and reviews, the decision log, Medusa's own sources
 * and the latest audit's findings. Reads only.
 */
export const gatherPlanContextStep = createStep(gatherPlanContextStepId, async (_: void, { container }) => {
  return new StepResponse(await gatherPlanInputs(container, new Date()))
})

export async function gatherPlanInputs(container: MedusaContainer, now: Date): Promise<PlanInputs> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const plan = container.resolve<PlanModuleService>(PLAN_MODULE)
  const objectivesService = container.resolve<ObjectiveModuleService>(OBJECTIVE_MODULE)
  const segmentsService = container.resolve<SegmentModuleService>(SEGMENT_MODULE)
  const recommendations = container.resolve<RecommendationModuleService>(RECOMMENDATION_MODULE)
  const since = new Date(now.getTime() - 30 * DAY_MS)

  const objectiveRows = await objectivesService.listObjectives({}, { ...ALL, order: { created_at: "ASC", id: "ASC" } })
  const reports = await objectivesService.latestLiftReports(objectiveRows)
  const { data: linkRows } = await query.graph({ entity: "objective", fields: ["id", "segments.id"] })
  const segmentIdsOf = new Map<string, string[]>(
    (linkRows as { id: string; segments?: ({ id: string } | null)[] }[]).map((o) => [
      o.id,
      (o.segments ?? []).filter((s): s is { id: string } => !!s).map((s) => s.id),
    ])
  )
  const objectives = objectiveRows.map((o) => {
    const r = reports[o.id]
    const last = r?.series.at(-1)
    return {
      id: o.id,
      name: o.name,
      status: o.status,
      metric: o.metric,
      direction: o.direction,
      baseline: num(o.baseline),
      target: num(o.target),
      deadline: o.deadline,
      rationale: o.rationale,
      lift:
        r?.report && last
          ? {
              difference: last.difference,
              ci_low: last.ci_low,
              ci_high: last.ci_high,
              verdict: r.report.verdict,
              message: r.report.message,
              period_end: last.period_end,
            }
          : null,
      segment_ids: segmentIdsOf.get(o.id) ?? [],
    }
  })

  const segmentRows = await segmentsService.listSegments(
    { status: { $ne: "archived" } },
    { ...ALL, order: { created_at: "ASC", id: "ASC" } }
  )
  const trends = new Map(
    (
      await segmentsService.membershipTrends(
        segmentRows.map((s) => s.id),
        since
      )
    ).map((t) => [t.segment_id, t])
  )
  const segments: PlanInputs["segments"] = segmentRows.map((s) => {
    const trend = trends.get(s.id)
    return {
      id: s.id,
      name: s.name,
      status: s.status,
      rules: s.rules,
      member_count: s.member_count,
      created_at: s.created_at,
      entered_30d: trend?.entered ?? 0,
      exited_30d: trend?.exited ?? 0,
      last_exit_at: trend?.last_exit_at ?? null,
    }
  })

  const ruleRows = await recommendations.listRecommendationRules(
    {},
    { ...ALL, order: { created_at: "ASC", id: "ASC" } }
  )
  // each served list records the rules that acted on it: a rule's impressions are its lists' impressions
  const impressionsOf = await recommendations.countRuleImpressions(ruleRows.map((r) => r.id))
  const rules: PlanInputs["rules"] = []
  for (const r of ruleRows) {
    rules.push({
      id: r.id,
      name: r.name,
      status: r.status,
      action: r.action,
      target_type: r.target_type,
      target_id: r.target_id,
      objective_id: r.objective_id,
      segment_id: r.segment_id,
      impressions: impressionsOf[r.id] ?? 0,
    })
  }

  const requirementRows = await plan.listRequirements(
    {},
    {
      ...ALL,
      relations: ["links"],
      order: { created_at: "ASC", id: "ASC" },
    }
  )
  const requirements = requirementRows.map(requirementView)
  const declared = await plan.listDataSources({}, { ...ALL, order: { created_at: "ASC", id: "ASC" } })
  const reviews = await plan.listReviews({}, ALL)

  const decisionRows = await objectivesService.listDecisionLogs(
    { entity_type: ["objective", "segment", "recommendation_rule", "requirement", "data_source"] },
    { ...ALL, order: { created_at: "ASC", id: "ASC" } }
  )
  const actorIds = [...new Set(decisionRows.map((d) => d.actor_id).filter((id): id is string => !!id))]
  const users = new Map<string, string>()
  if (actorIds.length) {
    const { data } = await query.graph({
      entity: "user",
      fields: ["id", "email"],
      filters: { id: actorIds },
      withDeleted: true,
    })
    for (const u of data as { id: string; email: string }[]) users.set(u.id, u.email)
  }
  const decisions: PlanDecision[] = decisionRows.map((d) => ({
    entity_type: d.entity_type,
    entity_id: d.entity_id,
    action: d.action,
    who: d.actor_id ? (users.get(d.actor_id) ?? d.actor_id) : null,
    at: new Date(d.created_at).toISOString(),
    reason: d.reason,
  }))

  const core = await plan.detectMedusaSources()
  const [events, eventCount] = await recommendations.listAndCountRecommendationEvents(
    {},
    { select: ["created_at", "customer_id", "objective_id"], order: { created_at: "DESC" }, take: 1 }
  )
  const findings: PlanInputs["findings"] = []
  if (container.hasRegistration(DATA_AUDIT_MODULE)) {
    const audit = container.resolve<DataAuditModuleService>(DATA_AUDIT_MODULE)
    const [run] = await audit.listAuditRuns({ status: "completed" }, { order: { finished_at: "DESC" }, take: 1 })
    if (run) {
      const rows = await audit.listAuditFindings({ run_id: run.id, affected: { $gt: 0 } }, ALL)
      findings.push(
        ...rows.map((f) => ({
          check_id: f.check_id,
          title: f.title,
          severity: f.severity,
          entity: f.entity,
          affected: f.affected,
          total: f.total,
        }))
      )
    }
  }

  return {
    now,
    objectives,
    segments,
    rules,
    requirements,
    declared: declared.map((d) => ({ ...d, holds: (Array.isArray(d.holds) ? d.holds : []) as DataSourceHolding[] })),
    reviews: reviews.map((r) => ({ entity_type: r.entity_type, entity_id: r.entity_id, review_by: r.review_by })),
    decisions,
    core: [
      ...core,
      {
        key: "events",
        records: eventCount,
        newest_record_at: events[0] ? new Date(events[0].created_at) : null,
        filled: {},
      },
    ],
    findings,
  }
}
