import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { ObjectiveDTO } from "../../../modules/objective/types"
import ObjectiveSegmentLink from "../../../links/objective-segment"

export type AssertObjectiveLinkedInput = {
  entity_type: "segment" | "recommendation_rule"
  entity_id: string
  /**
   * recommendation rules: the objective the rule serves (its `objective_id`, the one source of truth);
   * pass it when the rule is being created or changed, left out the stored rule's is read. Segments:
   * an objective checked as well as the linked ones.
   */
  objective_id?: string | null
}

const LIVE_STATUSES: ObjectiveDTO["status"][] = ["draft", "active"]

/** The objectives an entity serves: a segment's through its link table, a rule's `objective_id`. */
async function servedObjectiveIds(container: MedusaContainer, input: AssertObjectiveLinkedInput): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  if (input.entity_type === "recommendation_rule") {
    if (input.objective_id !== undefined) return input.objective_id ? [input.objective_id] : []
    const { data } = await query.graph({
      entity: "recommendation_rule",
      fields: ["objective_id"],
      filters: { id: input.entity_id },
    })
    return data.flatMap((r: { objective_id: string | null }) => (r.objective_id ? [r.objective_id] : []))
  }
  const { data } = await query.graph({
    entity: ObjectiveSegmentLink.entryPoint,
    fields: ["objective_id"],
    filters: { segment_id: input.entity_id },
  })
  const ids = data.map((r: { objective_id: string }) => r.objective_id)
  return input.objective_id ? [...ids, input.objective_id] : ids
}

/**
 * Refuses (NOT_ALLOWED, a 400) to activate a segment-driven personalization that serves no
 * objective: the entity must be linked to at least one objective that is draft or active.
 * Returns the ids of the objectives it serves.
 */
export async function assertObjectiveLinked(
  container: MedusaContainer,
  input: AssertObjectiveLinkedInput
): Promise<string[]> {
  const ids = new Set(await servedObjectiveIds(container, input))
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
