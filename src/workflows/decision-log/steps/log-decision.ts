import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService, { LogDecisionInput } from "../../../modules/objective/service"

export const logDecisionStepId = "log-decision"

/** One decision-log entry from a workflow's input: who (`actor_id`) and why (`reason`), when given. */
export function decisionEntry(
  entity_type: string,
  entity_id: string,
  action: string,
  who: { actor_id?: string | null; reason?: string | null },
  diff?: Record<string, unknown>
): LogDecisionInput {
  return {
    entity_type,
    entity_id,
    action,
    actor_id: who.actor_id ?? null,
    reason: who.reason ?? null,
    ...(diff ? { diff } : {}),
  }
}

/** The action a status change records: activated / archived, else updated. */
export function updateAction(status?: string | null) {
  return status === "active" ? "activated" : status === "archived" ? "archived" : "updated"
}

/**
 * Appends entries to the decision log (who, when, what, why). Any module's workflow can use it:
 * `logDecisionStep([{ entity_type: "segment", entity_id, action: "activated", actor_id, reason, diff }])`.
 */
export const logDecisionStep = createStep(
  logDecisionStepId,
  async (input: LogDecisionInput[], { container }) => {
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    const ids: string[] = []
    for (const entry of input) {
      const created = await service.logDecision(entry)
      ids.push(created.id)
    }
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    await service.deleteDecisionLogs(ids)
  }
)
