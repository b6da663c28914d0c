import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DATA_AUDIT_MODULE } from "../../../modules/data_audit"
import type DataAuditModuleService from "../../../modules/data_audit/service"
import { errorMessage, failPendingAuditRun, PendingRunFailure } from "./fail-pending-audit-run"

export const validateAuditRunPendingStepId = "validate-audit-run-pending"

/**
 * Refuses a run that is not pending (already running, completed or failed): it is left as it is.
 * When the run cannot be read, the step fails permanently and its compensation ends a still
 * pending run as failed with that error, so it does not stay pending.
 */
export const validateAuditRunPendingStep = createStep(
  validateAuditRunPendingStepId,
  async (input: { run_id: string }, { container }) => {
    const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
    let status: string
    try {
      status = (await service.retrieveAuditRun(input.run_id, { select: ["id", "status"] })).status
    } catch (e) {
      const error = errorMessage(e)
      return StepResponse.permanentFailure(error, { run_id: input.run_id, error } as PendingRunFailure)
    }
    if (status !== "pending") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Audit run ${input.run_id} is ${status}, not pending`)
    }
    return new StepResponse(void 0, null as PendingRunFailure | null)
  },
  async (failure, { container }) => failPendingAuditRun(container, failure)
)
