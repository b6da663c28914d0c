import { LinkDefinition } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"

export type UpdateObjectiveLinksInput = {
  objective_id: string
  segment_ids?: { add?: string[]; remove?: string[] }
  recommendation_rule_ids?: { add?: string[]; remove?: string[] }
}

export const updateObjectiveLinksStepId = "update-objective-links"

function definitions(input: UpdateObjectiveLinksInput, which: "add" | "remove") {
  const defs: LinkDefinition[] = []
  for (const id of input.segment_ids?.[which] ?? []) {
    defs.push({ [OBJECTIVE_MODULE]: { objective_id: input.objective_id }, segment: { segment_id: id } })
  }
  return defs
}

/**
 * Links/unlinks segments to an objective (many-to-many link table); compensation reverses it.
 * Recommendation rules are not linked here: see `setRulesObjectiveStep` (their `objective_id`).
 */
export const updateObjectiveLinksStep = createStep(
  updateObjectiveLinksStepId,
  async (input: UpdateObjectiveLinksInput, { container }) => {
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    const add = definitions(input, "add")
    const remove = definitions(input, "remove")
    if (remove.length) await link.dismiss(remove)
    if (add.length) await link.create(add)
    return new StepResponse({ added: add.length, removed: remove.length }, { add, remove })
  },
  async (data, { container }) => {
    if (!data) return
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    if (data.add.length) await link.dismiss(data.add)
    if (data.remove.length) await link.create(data.remove)
  }
)
