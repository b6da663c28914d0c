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
 * that does not exist is harmless and allowed (it cleans up after a deletion).
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
      const found = new Set(
        (await recommendations.listRecommendationRules({ id: ruleIds }, { select: ["id"], take: ruleIds.length })).map(
          (r) => r.id
        )
      )
      ruleIds.forEach((id, i) => {
        if (!found.has(id)) problems.push(`recommendation_rule_ids.add[${i}]: no recommendation rule with id ${id}`)
      })
    }
    if (problems.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid links: ${problems.join("; ")}`)
    }
    return new StepResponse(void 0)
  }
)
