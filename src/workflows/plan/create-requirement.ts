import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { RequirementInput } from "../../modules/plan/types"
import type { AdminRequirementLink } from "../../types/plan"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { createRequirementStep } from "./steps/create-requirement"
import { validatePlanReferencesStep } from "./steps/validate-plan-references"

export type CreateRequirementWorkflowInput = {
  requirement: RequirementInput
  links?: AdminRequirementLink[]
  actor_id?: string | null
  reason?: string | null
}

export const createRequirementWorkflowId = "create-requirement"

/** Validates the objective and links a requirement names, creates it, and logs who and why. */
export const createRequirementWorkflow = createWorkflow(
  createRequirementWorkflowId,
  (input: CreateRequirementWorkflowInput) => {
    validatePlanReferencesStep(
      transform({ input }, ({ input }) => ({
        objective_id: input.requirement.objective_id ?? null,
        links: input.links ?? [],
      }))
    )
    const requirement = createRequirementStep(
      transform({ input }, ({ input }) => ({ requirement: input.requirement, links: input.links ?? [] }))
    )
    logDecisionStep(
      transform({ input, requirement }, ({ input, requirement }) => [
        {
          entity_type: "requirement",
          entity_id: requirement.id,
          action: "created",
          actor_id: input.actor_id ?? null,
          reason: input.reason ?? null,
          diff: {
            statement: requirement.statement,
            role: requirement.role,
            priority: requirement.priority,
            objective_id: requirement.objective_id,
            links: input.links ?? [],
          },
        },
      ])
    )
    const requirementCreated = createHook("requirementCreated", { requirement })
    return new WorkflowResponse(requirement, { hooks: [requirementCreated] })
  }
)
