import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DATA_AUDIT_MODULE } from "../../../modules/data_audit"
import type DataAuditModuleService from "../../../modules/data_audit/service"

export const validateAuditRunPendingStepId = "validate-audit-run-pending"

/** Refuses a run that is not pending (already running, completed or failed): it is left as it is. */
export const validateAuditRunPendingStep = createStep(
  validateAuditRunPendingStepId,
  async (input: { run_id: string }, { container }) => {
    const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
    const run = await service.retrieveAuditRun(input.run_id, { select: ["id", "status"] })
    if (run.status !== "pending") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Audit run ${run.id} is ${run.status}, not pending`)
    }
    return new StepResponse(void 0)
  }
)
