import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATION_MODULE } from "../../../modules/recommendation"
import type RecommendationModuleService from "../../../modules/recommendation/service"

export type SetRulesObjectiveInput = {
  objective_id: string
  /** rules that now serve `objective_id` */
  add?: string[]
  /** rules that stop serving it (a rule serving another objective is left alone) */
  remove?: string[]
}

type RuleObjective = { id: string; objective_id: string | null; version: number }

export const setRulesObjectiveStepId = "set-recommendation-rules-objective"

/**
 * Links or unlinks recommendation rules to an objective by writing `recommendation_rule.objective_id`,
 * the one source of truth (the objective -> rules link is read-only over it). A changed rule's
 * version is bumped, as any rule change, so traces tell the configurations apart. The compensation
 * restores each changed rule's previous objective and version.
 */
export const setRulesObjectiveStep = createStep(
  setRulesObjectiveStepId,
  async (input: SetRulesObjectiveInput, { container }) => {
    const add = new Set(input.add ?? [])
    const remove = new Set((input.remove ?? []).filter((id) => !add.has(id)))
    const ids = [...add, ...remove]
    if (!ids.length) {
      return new StepResponse([] as RuleObjective[], [] as RuleObjective[])
    }
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    const rules = await service.listRecommendationRules(
      { id: ids },
      { select: ["id", "objective_id", "version"], take: ids.length }
    )
    const before: RuleObjective[] = []
    const updates: RuleObjective[] = []
    for (const rule of rules) {
      const previous = rule.objective_id ?? null
      const next = add.has(rule.id) ? input.objective_id : previous === input.objective_id ? null : previous
      if (next === previous) continue
      before.push({ id: rule.id, objective_id: previous, version: rule.version })
      updates.push({ id: rule.id, objective_id: next, version: rule.version + 1 })
    }
    if (updates.length) await service.updateRecommendationRules(updates)
    return new StepResponse(updates, before)
  },
  async (before, { container }) => {
    if (!before?.length) return
    const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
    await service.updateRecommendationRules(before)
  }
)
