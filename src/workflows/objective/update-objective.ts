import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateObjectiveStep } from "./steps/update-objective"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { validateObjectiveUpdateStep } from "./steps/validate-objective-update"

export type UpdateObjectiveWorkflowInput = {
  id: string
  update: Record<string, unknown>
  actor_id?: string | null
  reason?: string | null
}

export const updateObjectiveWorkflowId = "update-objective"

function same(a: unknown, b: unknown) {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v)
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b))
}

/** Validates (holdout share frozen once started), updates an objective and logs the change (field by field, from -> to) with who and why. */
export const updateObjectiveWorkflow = createWorkflow(
  updateObjectiveWorkflowId,
  (input: UpdateObjectiveWorkflowInput) => {
    const stepInput = transform({ input }, ({ input }) => ({ id: input.id, update: input.update }))
    validateObjectiveUpdateStep(stepInput)
    const result = updateObjectiveStep(stepInput)
    const entries = transform({ input, result }, ({ input, result }) => {
      const prev: Record<string, unknown> = result.previous
      const next: Record<string, unknown> = result.objective
      const diff: Record<string, { from: unknown; to: unknown }> = {}
      for (const key of Object.keys(input.update)) {
        if (!same(prev[key], next[key])) diff[key] = { from: prev[key] ?? null, to: next[key] ?? null }
      }
      const action = diff.status ? `status_${String(diff.status.to)}` : "updated"
      return Object.keys(diff).length
        ? [
            {
              entity_type: "objective",
              entity_id: input.id,
              action,
              actor_id: input.actor_id ?? null,
              reason: input.reason ?? null,
              diff,
            },
          ]
        : []
    })
    when({ entries }, ({ entries }) => entries.length > 0).then(() => {
      logDecisionStep(entries)
    })
    const objectiveUpdated = createHook("objectiveUpdated", { objective: result.objective })
    return new WorkflowResponse(result.objective, { hooks: [objectiveUpdated] })
  }
)
