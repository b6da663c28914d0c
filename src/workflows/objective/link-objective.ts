import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LogDecisionInput } from "../../modules/objective/service"
import { updateObjectiveLinksStep, UpdateObjectiveLinksInput } from "./steps/update-objective-links"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { validateObjectiveLinksStep } from "./steps/validate-objective-links"

export type LinkObjectiveWorkflowInput = UpdateObjectiveLinksInput & {
  actor_id?: string | null
  reason?: string | null
}

export const linkObjectiveWorkflowId = "link-objective"

/** Links or unlinks segments and recommendation rules to an objective, logging each change on both sides. */
export const linkObjectiveWorkflow = createWorkflow(linkObjectiveWorkflowId, (input: LinkObjectiveWorkflowInput) => {
  validateObjectiveLinksStep(input)
  const result = updateObjectiveLinksStep(input)
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
