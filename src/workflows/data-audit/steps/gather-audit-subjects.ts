import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AuditSubjects } from "../../../modules/data_audit/checks"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import type ObjectiveModuleService from "../../../modules/objective/service"
import type { DataSourceHolding } from "../../../types/plan"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import { RECOMMENDATION_MODULE } from "../../../modules/recommendation"
import type RecommendationModuleService from "../../../modules/recommendation/service"
import { SEGMENT_MODULE } from "../../../modules/segment"
import type SegmentModuleService from "../../../modules/segment/service"
import { errorMessage, failPendingAuditRun, PendingRunFailure } from "./fail-pending-audit-run"

export const gatherAuditSubjectsStepId = "gather-audit-subjects"

/**
 * The segments (rule trees), objectives (metrics), read models' freshness, the co-purchase pass's
 * paired-product counts and the data map's declared systems the checks judge, read through
 * their own modules so the audit never reads their tables. A module that is not registered
 * leaves its list undefined. Reads only; when a read fails (given the run's id) the step fails permanently
 * and its compensation ends the still pending run as failed with that error.
 */
export const gatherAuditSubjectsStep = createStep(
  gatherAuditSubjectsStepId,
  async (input: { run_id?: string } | void, { container }) => {
    try {
      return new StepResponse(await gatherAuditSubjects(container), null as PendingRunFailure | null)
    } catch (e) {
      const error = errorMessage(e)
      if (!input?.run_id) {
        throw e
      }
      return StepResponse.permanentFailure(error, { run_id: input.run_id, error } as PendingRunFailure)
    }
  },
  async (failure, { container }) => failPendingAuditRun(container, failure)
)

async function gatherAuditSubjects(container: MedusaContainer): Promise<AuditSubjects> {
  const subjects: AuditSubjects = {}
  if (container.hasRegistration(SEGMENT_MODULE)) {
    const segments = await container
      .resolve<SegmentModuleService>(SEGMENT_MODULE)
      .listSegments(
        { status: { $ne: "archived" } },
        { select: ["id", "name", "rules"], order: { created_at: "ASC", id: "ASC" } }
      )
    subjects.segments = segments.map((s) => ({ id: s.id, name: s.name, rules: s.rules }))
    subjects.read_models = await container.resolve<SegmentModuleService>(SEGMENT_MODULE).readModelFreshness()
  }
  if (container.hasRegistration(RECOMMENDATION_MODULE)) {
    const recommendation = container.resolve<RecommendationModuleService>(RECOMMENDATION_MODULE)
    subjects.read_models = [...(subjects.read_models ?? []), ...(await recommendation.readModelFreshness())]
    subjects.co_purchase = await recommendation.coPurchaseEvidence()
  }
  if (container.hasRegistration(OBJECTIVE_MODULE)) {
    const objectives = await container
      .resolve<ObjectiveModuleService>(OBJECTIVE_MODULE)
      .listObjectives(
        { status: { $ne: "abandoned" } },
        { select: ["id", "name", "metric"], order: { created_at: "ASC", id: "ASC" } }
      )
    subjects.objectives = objectives.map((o) => ({ id: o.id, name: o.name, metric: o.metric }))
  }
  if (container.hasRegistration(PLAN_MODULE)) {
    const declared = await container.resolve<PlanModuleService>(PLAN_MODULE).listDataSources({}, { take: null })
    subjects.declared_sources = declared.map((d) => ({
      id: d.id,
      name: d.name,
      holds: (Array.isArray(d.holds) ? d.holds : []) as DataSourceHolding[],
      reaches_medusa: d.reaches_medusa,
      sync_interval_hours: d.sync_interval_hours,
      last_synced_at: d.last_synced_at,
    }))
  }
  return subjects
}
