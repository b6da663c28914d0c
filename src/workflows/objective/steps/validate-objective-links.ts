import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SEGMENT_MODULE } from "../../../modules/segment"
import type SegmentModuleService from "../../../modules/segment/service"
import { RECOMMENDATION_MODULE } from "../../../modules/recommendation"
import type RecommendationModuleService from "../../../modules/recommendation/service"
import type { UpdateObjectiveLinksInput } from "./update-objective-links"

export const validateObjectiveLinksStepId = "validate-objective-links"

/**
 * Refuses (INVALID_DATA, a 400 naming each path) to link a segment or a recommendation rule that
 * does not exist: a link to nothing would count in no lift and hide a typo. Unlinking an id
 * that does not exist is harmless and allowed (it cleans up after a deletion). A recommendation rule
 * serves one objective (its `objective_id`): linking one that serves another objective is refused
 * rather than moved silently.
 */
export const validateObjectiveLinksStep = createStep(
  validateObjectiveLinksStepId,
  async (input: UpdateObjectiveLinksInput, { container }) => {
    const problems: string[] = []
    const segmentIds = input.segment_ids?.add ?? []
    if (segmentIds.length) {
      const segments: SegmentModuleService = container.resolve(SEGMENT_MODULE)
      const found = new Set(
        (await segments.listSegments({ id: segmentIds }, { select: ["id"], take: segmentIds.length })).map((s) => s.id)
      )
      segmentIds.forEach((id, i) => {
        if (!found.has(id)) problems.push(`segment_ids.add[${i}]: no segment with id ${id}`)
      })
    }
    const ruleIds = input.recommendation_rule_ids?.add ?? []
    if (ruleIds.length) {
      const recommendations: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
      const found = new Map(
        (
          await recommendations.listRecommendationRules(
            { id: ruleIds },
            { select: ["id", "objective_id"], take: ruleIds.length }
          )
        ).map((r) => [r.id, r.objective_id ?? null])
      )
      ruleIds.forEach((id, i) => {
        const serves = found.get(id)
        if (serves === undefined) {
          problems.push(`recommendation_rule_ids.add[${i}]: no recommendation rule with id ${id}`)
        } else if (serves && serves !== input.objective_id) {
          problems.push(
            `recommendation_rule_ids.add[${i}]: recommendation rule ${id} already serves objective ${serves} (a rule serves one objective: unlink it there first)`
          )
        }
      })
    }
    if (problems.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid links: ${problems.join("; ")}`)
    }
    return new StepResponse(void 0)
  }
)
