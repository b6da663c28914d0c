import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { deleteRequirementStep } from "./steps/delete-requirement"

export const deleteRequirementWorkflowId = "delete-requirement"

/** Deletes a requirement (and its links) and logs who and why. */
export const deleteRequirementWorkflow = createWorkflow(
  deleteRequirementWorkflowId,
  (input: { id: string; actor_id?: string | null; reason?: string | null }) => {
    const requirement = deleteRequirementStep(input.id)
    logDecisionStep(
      transform({ input, requirement }, ({ input, requirement }) => [
        {
          entity_type: "requirement",
          entity_id: input.id,
          action: "deleted",
          actor_id: input.actor_id ?? null,
          reason: input.reason ?? null,
          diff: { statement: requirement.statement, objective_id: requirement.objective_id },
        },
      ])
    )
    return new WorkflowResponse({ id: input.id })
  }
)
