import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { RequirementInput } from "../../modules/plan/types"
import type { AdminRequirementLink } from "../../types/plan"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { updateRequirementStep } from "./steps/update-requirement"
import { validatePlanReferencesStep } from "./steps/validate-plan-references"

export type UpdateRequirementWorkflowInput = {
  id: string
  update: RequirementInput
  links?: AdminRequirementLink[]
  actor_id?: string | null
  reason?: string | null
}

export const updateRequirementWorkflowId = "update-requirement"

const key = (l: AdminRequirementLink) => `${l.target_type}:${l.target_id}`

/** Validates, updates a requirement (fields, links) and logs each change (from -> to) with who and why. */
export const updateRequirementWorkflow = createWorkflow(
  updateRequirementWorkflowId,
  (input: UpdateRequirementWorkflowInput) => {
    validatePlanReferencesStep(
      transform({ input }, ({ input }) => ({ objective_id: input.update.objective_id ?? null, links: input.links }))
    )
    const result = updateRequirementStep(
      transform({ input }, ({ input }) => ({ id: input.id, update: input.update, links: input.links }))
    )
    const entries = transform({ input, result }, ({ input, result }) => {
      const prev: Record<string, unknown> = result.previous
      const next: Record<string, unknown> = result.requirement
      const diff: Record<string, unknown> = {}
      for (const k of Object.keys(input.update)) {
        if ((prev[k] ?? null) !== (next[k] ?? null)) diff[k] = { from: prev[k] ?? null, to: next[k] ?? null }
      }
      const before = new Set(result.previous_links.map(key))
      const after = new Set(result.links.map(key))
      const added = [...after].filter((k) => !before.has(k))
      const removed = [...before].filter((k) => !after.has(k))
      if (added.length || removed.length) diff.links = { added, removed }
      return Object.keys(diff).length
        ? [
            {
              entity_type: "requirement",
              entity_id: input.id,
              action: "updated",
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
    const requirementUpdated = createHook("requirementUpdated", { requirement: result.requirement })
    return new WorkflowResponse(result.requirement, { hooks: [requirementUpdated] })
  }
)
