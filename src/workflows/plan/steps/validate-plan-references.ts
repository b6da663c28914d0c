import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import type ObjectiveModuleService from "../../../modules/objective/service"
import { SEGMENT_MODULE } from "../../../modules/segment"
import type SegmentModuleService from "../../../modules/segment/service"
import { RECOMMENDATION_MODULE } from "../../../modules/recommendation"
import type RecommendationModuleService from "../../../modules/recommendation/service"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import { isMedusaSourceId } from "../../../modules/plan/utils/sources"
import type { AdminRequirementLink } from "../../../types/plan"

export const validatePlanReferencesStepId = "validate-plan-references"

export type PlanReferences = {
  objective_id?: string | null
  links?: AdminRequirementLink[]
  review?: { entity_type: "objective" | "segment"; entity_id: string }
}

/** Ids of `ids` that exist, by the owning module's service (reads only). */
async function existing(container: MedusaContainer, type: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const select = { select: ["id"], take: null }
  let rows: { id: string }[] = []
  if (type === "objective") {
    rows = await container.resolve<ObjectiveModuleService>(OBJECTIVE_MODULE).listObjectives({ id: ids }, select)
  } else if (type === "segment") {
    rows = await container.resolve<SegmentModuleService>(SEGMENT_MODULE).listSegments({ id: ids }, select)
  } else if (type === "recommendation_rule") {
    rows = await container
      .resolve<RecommendationModuleService>(RECOMMENDATION_MODULE)
      .listRecommendationRules({ id: ids }, select)
  } else if (type === "data_source") {
    const declared = ids.filter((id) => !isMedusaSourceId(id))
    rows = declared.length
      ? await container.resolve<PlanModuleService>(PLAN_MODULE).listDataSources({ id: declared }, select)
      : []
    rows.push(...ids.filter(isMedusaSourceId).map((id) => ({ id })))
  }
  return new Set(rows.map((r) => r.id))
}

/**
 * Every id a requirement or review names exists in its own module (objective, segment, rule,
 * declared data source, or a detected Medusa source `medusa:orders`); each link appears once.
 * All problems in one 400, each naming its field.
 */
export const validatePlanReferencesStep = createStep(
  validatePlanReferencesStepId,
  async (input: PlanReferences, { container }) => {
    const problems: string[] = []
    if (input.objective_id) {
      const found = await existing(container, "objective", [input.objective_id])
      if (!found.has(input.objective_id)) problems.push(`objective_id: objective ${input.objective_id} was not found`)
    }
    if (input.review) {
      const { entity_type, entity_id } = input.review
      if (!(await existing(container, entity_type, [entity_id])).has(entity_id)) {
        problems.push(`entity_id: ${entity_type} ${entity_id} was not found`)
      }
    }
    const links = input.links ?? []
    const seen = new Set<string>()
    const byType = new Map<string, Set<string>>()
    for (const type of ["segment", "recommendation_rule", "data_source"]) {
      const ids = [...new Set(links.filter((l) => l.target_type === type).map((l) => l.target_id))]
      byType.set(type, await existing(container, type, ids))
    }
    links.forEach((l, i) => {
      const key = `${l.target_type}:${l.target_id}`
      if (seen.has(key)) problems.push(`links[${i}]: ${l.target_type} ${l.target_id} is listed twice`)
      seen.add(key)
      if (!byType.get(l.target_type)?.has(l.target_id)) {
        problems.push(`links[${i}].target_id: ${l.target_type} ${l.target_id} was not found`)
      }
    })
    if (problems.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${problems.join("; ")}`)
    }
    return new StepResponse(true)
  }
)
