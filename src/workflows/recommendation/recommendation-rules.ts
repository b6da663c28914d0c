import {
  createHook,
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { assertObjectiveLinked } from "../objective/steps/assert-objective-linked"
import { decisionEntry, logDecisionStep, updateAction } from "../decision-log/steps/log-decision"
import { RECOMMENDATION_MODULE } from "../../modules/recommendation"
import RecommendationModuleService from "../../modules/recommendation/service"
import { validateRuleReferencesStep } from "./steps/validate-rule-references"

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

/** Who made a change and why, for the decision log. */
export type DecisionContext = { actor_id?: string | null; reason?: string | null }

type RuleRecord = Awaited<ReturnType<RecommendationModuleService["retrieveRecommendationRule"]>>

export const createRecommendationRuleStepId = "create-recommendation-rule"

/** Creates a rule at version 1; the compensation deletes it. */
export const createRecommendationRuleStep = createStep(
  createRecommendationRuleStepId,
  async (input: RecommendationRuleInput, { container }) => {
    if (input.status === "active") {
      // An active rule is a segment-driven personalization: it must serve an objective.
      await assertObjectiveLinked(container, {
        entity_type: "recommendation_rule",
        entity_id: "(new rule)",
        objective_id: input.objective_id,
      })
    }
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
    const status = input.status ?? before.status
    if (status === "active") {
      await assertObjectiveLinked(container, {
        entity_type: "recommendation_rule",
        entity_id: input.id,
        objective_id: input.objective_id !== undefined ? input.objective_id : before.objective_id,
      })
    }
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

/**
 * Creates a recommendation rule (boost / bury / pin / exclude) linked to a segment and an objective.
 * A target, segment or objective that does not exist is a 400; an active rule without a live objective is refused; the change is logged in the decision log.
 */
export const createRecommendationRuleWorkflow = createWorkflow(
  createRecommendationRuleWorkflowId,
  (input: RecommendationRuleInput & DecisionContext) => {
    const data = transform({ input }, ({ input }) => {
      const { actor_id, reason, ...rule } = input
      return rule
    })
    validateRuleReferencesStep(data)
    const rule = createRecommendationRuleStep(data)
    const decision = transform({ rule, input }, ({ rule, input }) => [
      decisionEntry("recommendation_rule", rule.id, "created", input, {
        status: rule.status,
        action: rule.action,
        target_type: rule.target_type,
        target_id: rule.target_id,
        segment_id: rule.segment_id,
        objective_id: rule.objective_id,
      }),
    ])
    logDecisionStep(decision)
    const ruleCreated = createHook("recommendationRuleCreated", { rule })
    return new WorkflowResponse(rule, { hooks: [ruleCreated] })
  }
)

export const updateRecommendationRuleWorkflowId = "update-recommendation-rule"

/** Updates a recommendation rule, bumps its version and logs the change; activation needs an objective. */
export const updateRecommendationRuleWorkflow = createWorkflow(
  updateRecommendationRuleWorkflowId,
  (input: UpdateRecommendationRuleInput & DecisionContext) => {
    const data = transform({ input }, ({ input }) => {
      const { actor_id, reason, ...rule } = input
      return rule
    })
    validateRuleReferencesStep(data)
    const rule = updateRecommendationRuleStep(data)
    const decision = transform({ rule, input }, ({ rule, input }) => {
      const { actor_id, reason, id, ...diff } = input
      return [
        decisionEntry("recommendation_rule", id, updateAction(diff.status), input, { ...diff, version: rule.version }),
      ]
    })
    logDecisionStep(decision)
    const ruleUpdated = createHook("recommendationRuleUpdated", { rule })
    return new WorkflowResponse(rule, { hooks: [ruleUpdated] })
  }
)

export const deleteRecommendationRuleWorkflowId = "delete-recommendation-rule"

/** Soft-deletes a recommendation rule and logs it. */
export const deleteRecommendationRuleWorkflow = createWorkflow(
  deleteRecommendationRuleWorkflowId,
  (input: { id: string } & DecisionContext) => {
    const id = transform({ input }, ({ input }) => input.id)
    const deleted = deleteRecommendationRuleStep(id)
    const decision = transform({ input }, ({ input }) => [
      decisionEntry("recommendation_rule", input.id, "deleted", input),
    ])
    logDecisionStep(decision)
    return new WorkflowResponse(deleted)
  }
)
