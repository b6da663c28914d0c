import { MedusaError } from "@medusajs/framework/utils"
import {
  createHook,
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../modules/objective"
import ObjectiveModuleService from "../../modules/objective/service"
import { computeBaselineStep } from "./steps/compute-baseline"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { updateObjectiveStep } from "./steps/update-objective"

export type RecomputeObjectiveBaselineWorkflowInput = {
  id: string
  baseline_window_start?: Date | string | null
  baseline_window_end?: Date | string | null
  /** recompute even though measurement has started (progress to the target is read against the baseline) */
  force?: boolean
  actor_id?: string | null
  reason?: string | null
}

export const recomputeObjectiveBaselineWorkflowId = "recompute-objective-baseline"
export const loadObjectiveForBaselineStepId = "load-objective-for-baseline"

/** The objective fields a baseline computation writes; each is logged from -> to. */
export const BASELINE_FIELDS = [
  "baseline",
  "baseline_n",
  "baseline_window_start",
  "baseline_window_end",
  "baseline_computed_at",
  "plan",
] as const

/** Loads the objective (404 if unknown) and refuses once measurement has started unless forced (no writes). */
export const loadObjectiveForBaselineStep = createStep(
  loadObjectiveForBaselineStepId,
  async (input: { id: string; force?: boolean }, { container }) => {
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    const objective = await service.retrieveObjective(input.id)
    if (objective.started_at && !input.force) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Objective ${input.id} started measurement at ${new Date(objective.started_at).toISOString()}: ` +
          "recomputing its baseline would change what progress to the target is measured against. Send force: true to recompute anyway."
      )
    }
    return new StepResponse(objective)
  }
)

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null))
// the window may arrive as ISO strings; the baseline step reads it with `new Date` either way
const toDate = (v: Date | string | null | undefined) => (v ? new Date(v) : null)

/**
 * Recomputes an objective's baseline and plan from the store's current history, over the given window,
 * else the objective's stored window, else the default window; updates it and logs every baseline field.
 */
export const recomputeObjectiveBaselineWorkflow = createWorkflow(
  recomputeObjectiveBaselineWorkflowId,
  (input: RecomputeObjectiveBaselineWorkflowInput) => {
    const loadInput = transform({ input }, ({ input }) => ({ id: input.id, force: input.force ?? false }))
    const current = loadObjectiveForBaselineStep(loadInput)
    const baselineInput = transform({ input, current }, ({ input, current }) => {
      const o = current
      const given = !!input.baseline_window_start || !!input.baseline_window_end
      return {
        metric: o.metric,
        currency_code: o.currency_code,
        metric_window_days: o.metric_window_days ?? null,
        holdout_share: o.holdout_share,
        direction: o.direction ?? "increase",
        target: o.target === null || o.target === undefined ? null : Number(o.target),
        baseline_window_start: toDate(given ? input.baseline_window_start : o.baseline_window_start),
        baseline_window_end: toDate(given ? input.baseline_window_end : o.baseline_window_end),
      }
    })
    const baseline = computeBaselineStep(baselineInput)
    const updateInput = transform({ input, baseline }, ({ input, baseline }) => ({
      id: input.id,
      update: {
        baseline: baseline.baseline,
        baseline_n: baseline.baseline_n,
        baseline_window_start: new Date(baseline.baseline_window_start),
        baseline_window_end: new Date(baseline.baseline_window_end),
        baseline_computed_at: new Date(baseline.baseline_computed_at),
        plan: baseline.plan,
      },
    }))
    const result = updateObjectiveStep(updateInput)
    const entries = transform({ input, result }, ({ input, result }) => {
      const prev = result.previous
      const next = result.objective
      const diff: Record<string, { from: unknown; to: unknown }> = {}
      for (const key of BASELINE_FIELDS) diff[key] = { from: iso(prev[key]), to: iso(next[key]) }
      return [
        {
          entity_type: "objective",
          entity_id: input.id,
          action: "baseline_recomputed",
          actor_id: input.actor_id ?? null,
          reason: input.reason ?? null,
          diff,
        },
      ]
    })
    logDecisionStep(entries)
    const baselineRecomputed = createHook("baselineRecomputed", { objective: result.objective })
    return new WorkflowResponse(result.objective, { hooks: [baselineRecomputed] })
  }
)
