import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DATA_AUDIT_MODULE } from "../../../modules/data_audit"
import type { AuditSubjects } from "../../../modules/data_audit/checks"
import type DataAuditModuleService from "../../../modules/data_audit/service"

export const executeAuditRunStepId = "execute-audit-run"

export type ExecuteAuditRunStepInput = { run_id: string; subjects: AuditSubjects }

/** What the compensation needs: the run, and the checks' error when this step itself failed. */
type Compensation = { run_id: string; error: string | null }

/**
 * Runs the checks of a pending run and stores findings, progress and scores. When a check fails
 * the step fails permanently and its compensation marks the run failed with that error; when a
 * later step fails, the compensation marks it failed as rolled back. Either way the run's partial
 * findings are removed.
 */
export const executeAuditRunStep = createStep(
  executeAuditRunStepId,
  async (input: ExecuteAuditRunStepInput, { container }) => {
    const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
    try {
      const run = await service.executeAuditRun(input.run_id, input.subjects)
      return new StepResponse(run, { run_id: input.run_id, error: null } as Compensation)
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e)
      return StepResponse.permanentFailure(error, { run_id: input.run_id, error } as Compensation)
    }
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
    await service.failAuditRun(compensation.run_id, compensation.error ?? "Rolled back after a later step failed")
  }
)
