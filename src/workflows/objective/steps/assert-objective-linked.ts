import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { ObjectiveDTO } from "../../../modules/objective/types"
import ObjectiveSegmentLink from "../../../links/objective-segment"
import ObjectiveRecommendationRuleLink from "../../../links/objective-recommendation-rule"

export type AssertObjectiveLinkedInput = {
  entity_type: "segment" | "recommendation_rule"
  entity_id: string
  /** an objective named directly on the entity (e.g. recommendation_rule.objective_id), checked too */
  objective_id?: string | null
}

const LIVE_STATUSES: ObjectiveDTO["status"][] = ["draft", "active"]

/**
 * Refuses (NOT_ALLOWED, a 400) to activate a segment-driven personalization that serves no
 * objective: the entity must be linked to at least one objective that is draft or active.
 * Returns the ids of the objectives it serves.
 */
export async function assertObjectiveLinked(
  container: MedusaContainer,
  input: AssertObjectiveLinkedInput
): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = input.entity_type === "segment" ? ObjectiveSegmentLink : ObjectiveRecommendationRuleLink
  const key = input.entity_type === "segment" ? "segment_id" : "recommendation_rule_id"
  const { data } = await query.graph({
    entity: link.entryPoint,
    fields: ["objective_id"],
    filters: { [key]: input.entity_id },
  })
  const ids = new Set<string>(data.map((r: { objective_id: string }) => r.objective_id))
  if (input.objective_id) ids.add(input.objective_id)
  const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
  const live = ids.size ? await service.listObjectives({ id: [...ids], status: LIVE_STATUSES }, { select: ["id"] }) : []
  if (!live.length) {
    const what = input.entity_type === "segment" ? "segment" : "recommendation rule"
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Cannot activate ${what} ${input.entity_id}: it is not linked to any objective. Link it to a draft or active objective first (POST /admin/objectives/:id/links), so its effect can be measured against the holdout.`
    )
  }
  return live.map((o) => o.id)
}

export const assertObjectiveLinkedStepId = "assert-objective-linked"

/** Workflow step form of `assertObjectiveLinked`; use it before the step that activates. */
export const assertObjectiveLinkedStep = createStep(
  assertObjectiveLinkedStepId,
  async (input: AssertObjectiveLinkedInput, { container }) => {
    return new StepResponse(await assertObjectiveLinked(container, input))
  }
)
