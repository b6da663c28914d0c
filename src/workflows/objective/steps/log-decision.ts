import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService, { LogDecisionInput } from "../../../modules/objective/service"

export const logDecisionStepId = "log-decision"

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
