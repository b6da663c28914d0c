import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AuditSubjects } from "../../../modules/data_audit/checks"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import type ObjectiveModuleService from "../../../modules/objective/service"
import { SEGMENT_MODULE } from "../../../modules/segment"
import type SegmentModuleService from "../../../modules/segment/service"

export const gatherAuditSubjectsStepId = "gather-audit-subjects"

/**
 * The segments (rule trees) and objectives (metrics) the readiness checks judge, read through
 * their own modules so the audit never reads their tables. A module that is not registered
 * leaves its list undefined. Reads only: no compensation.
 */
export const gatherAuditSubjectsStep = createStep(gatherAuditSubjectsStepId, async (_: void, { container }) => {
  const subjects: AuditSubjects = {}
  if (container.hasRegistration(SEGMENT_MODULE)) {
    const segments = await container
      .resolve<SegmentModuleService>(SEGMENT_MODULE)
      .listSegments(
        { status: { $ne: "archived" } },
        { select: ["id", "name", "rules"], order: { created_at: "ASC", id: "ASC" } }
      )
    subjects.segments = segments.map((s) => ({ id: s.id, name: s.name, rules: s.rules }))
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
  return new StepResponse(subjects)
})
