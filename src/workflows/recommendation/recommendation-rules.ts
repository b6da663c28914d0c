import {
  createHook,
  createStep,
  createWorkflow,
  StepResponse,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATION_MODULE } from "../../modules/recommendation"
import RecommendationModuleService from "../../modules/recommendation/service"

export type RecommendationRuleInput = {
  name: string
  action: "boost" | "bury" | "pin" | "exclude"
  target_type: "product" | "category" | "collection" | "tag"
  target_id: string
  weight?: number
  segment_id?: string | null
  objective_id?: string | null
  status?: "draft" | "active" | "archived"
  metadata?: Record<string, unknown> | null
}

export type UpdateRecommendationRuleInput = { id: string } & Partial<RecommendationRuleInput>

type RuleRecord = Awaited<ReturnType<RecommendationModuleService["retrieveRecommendationRule"]>>

export const createRecommendationRuleStepId = "create-recommendation-rule"

/** Creates a rule at version 1; the compensation deletes it. */
export const createRecommendationRuleStep = createStep(
  createRecommendationRuleStepId,
  async (input: RecommendationRuleInput, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    const rule = await service.createRecommendationRules({ ...input, version: 1 })
    return new StepResponse(rule, rule.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    await service.deleteRecommendationRules(id)
  }
)

export const updateRecommendationRuleStepId = "update-recommendation-rule"

/** Updates a rule and bumps its version (traces name rule id + version); the compensation restores it. */
export const updateRecommendationRuleStep = createStep(
  updateRecommendationRuleStepId,
  async (input: UpdateRecommendationRuleInput, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    const before = await service.retrieveRecommendationRule(input.id)
    const rule = await service.updateRecommendationRules({ ...input, version: before.version + 1 })
    return new StepResponse(rule, before)
  },
  async (before: RuleRecord | undefined, { container }) => {
    if (!before) {
      return
    }
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    await service.updateRecommendationRules({
      id: before.id,
      name: before.name,
      action: before.action,
      target_type: before.target_type,
      target_id: before.target_id,
      weight: before.weight,
      segment_id: before.segment_id,
      objective_id: before.objective_id,
      status: before.status,
      version: before.version,
      metadata: before.metadata,
    })
  }
)

export const deleteRecommendationRuleStepId = "delete-recommendation-rule"

/** Soft-deletes a rule; the compensation restores it. */
export const deleteRecommendationRuleStep = createStep(
  deleteRecommendationRuleStepId,
  async (id: string, { container }) => {
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    await service.softDeleteRecommendationRules(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    await service.restoreRecommendationRules(id)
  }
)

export const createRecommendationRuleWorkflowId = "create-recommendation-rule"

/** Creates a recommendation rule (boost / bury / pin / exclude) linked to a segment and an objective. */
export const createRecommendationRuleWorkflow = createWorkflow(
  createRecommendationRuleWorkflowId,
  (input: RecommendationRuleInput) => {
    const rule = createRecommendationRuleStep(input)
    const ruleCreated = createHook("recommendationRuleCreated", { rule })
    return new WorkflowResponse(rule, { hooks: [ruleCreated] })
  }
)

export const updateRecommendationRuleWorkflowId = "update-recommendation-rule"

/** Updates a recommendation rule and bumps its version. */
export const updateRecommendationRuleWorkflow = createWorkflow(
  updateRecommendationRuleWorkflowId,
  (input: UpdateRecommendationRuleInput) => {
    const rule = updateRecommendationRuleStep(input)
    const ruleUpdated = createHook("recommendationRuleUpdated", { rule })
    return new WorkflowResponse(rule, { hooks: [ruleUpdated] })
  }
)

export const deleteRecommendationRuleWorkflowId = "delete-recommendation-rule"

/** Soft-deletes a recommendation rule. */
export const deleteRecommendationRuleWorkflow = createWorkflow(
  deleteRecommendationRuleWorkflowId,
  (id: string) => {
    const deleted = deleteRecommendationRuleStep(id)
    return new WorkflowResponse(deleted)
  }
)
