import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LogDecisionInput } from "../../modules/objective/service"
import { updateObjectiveLinksStep, UpdateObjectiveLinksInput } from "./steps/update-objective-links"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { validateObjectiveLinksStep } from "./steps/validate-objective-links"
import { setRulesObjectiveStep } from "./steps/set-rules-objective"

export type LinkObjectiveWorkflowInput = UpdateObjectiveLinksInput & {
  actor_id?: string | null
  reason?: string | null
}

export const linkObjectiveWorkflowId = "link-objective"

/**
 * Links or unlinks segments (link table) and recommendation rules (their `objective_id`, the one
 * source of truth) to an objective, logging each change on both sides.
 */
export const linkObjectiveWorkflow = createWorkflow(linkObjectiveWorkflowId, (input: LinkObjectiveWorkflowInput) => {
  validateObjectiveLinksStep(input)
  const segments = updateObjectiveLinksStep(input)
  const rulesInput = transform({ input }, ({ input }) => ({
    objective_id: input.objective_id,
    add: input.recommendation_rule_ids?.add,
    remove: input.recommendation_rule_ids?.remove,
  }))
  const rules = setRulesObjectiveStep(rulesInput)
  const result = transform({ segments, rules, input }, ({ segments, rules, input }) => {
    const ruleAdds = rules.filter((r) => r.objective_id === input.objective_id).length
    return { added: segments.added + ruleAdds, removed: segments.removed + rules.length - ruleAdds }
  })
  const entries = transform({ input }, ({ input }) => {
    const out: LogDecisionInput[] = []
    const push = (entity_type: string, ids: string[] | undefined, action: string) => {
      for (const id of ids ?? []) {
        const diff = { objective_id: input.objective_id, [`${entity_type}_id`]: id }
        out.push({
          entity_type: "objective",
          entity_id: input.objective_id,
          action: `${action}_${entity_type}`,
          actor_id: input.actor_id ?? null,
          reason: input.reason ?? null,
          diff,
        })
        out.push({
          entity_type,
          entity_id: id,
          action: `${action}_objective`,
          actor_id: input.actor_id ?? null,
          reason: input.reason ?? null,
          diff,
        })
      }
    }
    push("segment", input.segment_ids?.add, "linked")
    push("segment", input.segment_ids?.remove, "unlinked")
    push("recommendation_rule", input.recommendation_rule_ids?.add, "linked")
    push("recommendation_rule", input.recommendation_rule_ids?.remove, "unlinked")
    return out
  })
  when({ entries }, ({ entries }) => entries.length > 0).then(() => {
    logDecisionStep(entries)
  })
  return new WorkflowResponse(result)
})
