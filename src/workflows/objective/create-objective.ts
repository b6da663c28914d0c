import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { Metric } from "../../modules/objective/utils/metric-sql"
import { computeBaselineStep } from "./steps/compute-baseline"
import { createObjectiveStep } from "./steps/create-objective"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { resolveCurrencyStep } from "../common/steps/resolve-currency"

export type CreateObjectiveWorkflowInput = {
  objective: {
    name: string
    business_outcome?: string | null
    metric: Metric
    metric_window_days?: number | null
    direction?: "increase" | "decrease"
    currency_code?: string
    target?: number | null
    holdout_share?: number
    status?: "draft" | "active" | "achieved" | "abandoned"
    owner_id?: string | null
    rationale?: string | null
    deadline?: Date | null
    baseline_window_start?: Date | null
    baseline_window_end?: Date | null
    metadata?: Record<string, unknown> | null
  }
  actor_id?: string | null
  reason?: string | null
}

export const createObjectiveWorkflowId = "create-objective"

/** Creates an objective with a baseline computed from the store's history, a plan, and a decision-log entry. */
export const createObjectiveWorkflow = createWorkflow(
  createObjectiveWorkflowId,
  (input: CreateObjectiveWorkflowInput) => {
    const currency = resolveCurrencyStep(transform({ input }, ({ input }) => input.objective.currency_code ?? null))
    const baselineInput = transform({ input, currency }, ({ input, currency }) => ({
      metric: input.objective.metric,
      currency_code: currency,
      metric_window_days: input.objective.metric_window_days ?? null,
      holdout_share: input.objective.holdout_share ?? 0.05,
      direction: input.objective.direction ?? "increase",
      target: input.objective.target ?? null,
      baseline_window_start: input.objective.baseline_window_start ?? null,
      baseline_window_end: input.objective.baseline_window_end ?? null,
    }))
    const baseline = computeBaselineStep(baselineInput)
    const data = transform({ input, baseline, currency }, ({ input, baseline, currency }) => {
      const o = input.objective
      const active = o.status === "active"
      return {
        ...o,
        currency_code: currency,
        owner_id: o.owner_id ?? input.actor_id ?? null,
        ...baseline,
        started_at: active ? new Date() : null,
      }
    })
    const objective = createObjectiveStep(data)
    const entries = transform({ input, objective }, ({ input, objective }) => [
      {
        entity_type: "objective",
        entity_id: objective.id,
        action: "created",
        actor_id: input.actor_id ?? null,
        reason: input.reason ?? input.objective.rationale ?? null,
        diff: {
          name: objective.name,
          metric: objective.metric,
          direction: objective.direction,
          baseline: objective.baseline,
          target: objective.target,
          holdout_share: objective.holdout_share,
          status: objective.status,
        },
      },
    ])
    logDecisionStep(entries)
    const objectiveCreated = createHook("objectiveCreated", { objective })
    return new WorkflowResponse(objective, { hooks: [objectiveCreated] })
  }
)
