import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DATA_AUDIT_MODULE } from "../../../modules/data_audit"
import type DataAuditModuleService from "../../../modules/data_audit/service"

export const executeAuditRunStepId = "execute-audit-run"

/**
 * Runs the checks of a pending run and stores findings, progress and scores. On failure the run
 * is marked failed (its partial findings removed) before the error propagates; compensation
 * (a later step failing) does the same.
 */
export const executeAuditRunStep = createStep(
  executeAuditRunStepId,
  async (input: { run_id: string }, { container }) => {
    const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
    try {
      const run = await service.executeAuditRun(input.run_id)
      return new StepResponse(run, input.run_id)
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      // A run that was not pending is left as it is.
      if (!/is (running|completed|failed), not pending/.test(message)) {
        await service.failAuditRun(input.run_id, message)
      }
      throw e
    }
  },
  async (runId, { container }) => {
    if (!runId) {
      return
    }
    const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
    await service.failAuditRun(runId, "Rolled back after a later step failed")
  }
)
