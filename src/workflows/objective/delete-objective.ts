import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteObjectiveStep } from "./steps/delete-objective"
import { logDecisionStep } from "../decision-log/steps/log-decision"

export type DeleteObjectiveWorkflowInput = { id: string; actor_id?: string | null; reason?: string | null }

export const deleteObjectiveWorkflowId = "delete-objective"

/** Soft-deletes an objective and logs who removed it and why. */
export const deleteObjectiveWorkflow = createWorkflow(
  deleteObjectiveWorkflowId,
  (input: DeleteObjectiveWorkflowInput) => {
    const objective = deleteObjectiveStep(input.id)
    const entries = transform({ input, objective }, ({ input, objective }) => [
      {
        entity_type: "objective",
        entity_id: input.id,
        action: "deleted",
        actor_id: input.actor_id ?? null,
        reason: input.reason ?? null,
        diff: { name: objective.name, status: objective.status },
      },
    ])
    logDecisionStep(entries)
    return new WorkflowResponse({ id: input.id })
  }
)
