import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DATA_AUDIT_MODULE } from "../../../modules/data_audit"
import type DataAuditModuleService from "../../../modules/data_audit/service"
import type { AuditRunOptions } from "../../../modules/data_audit/service"

export type CreateAuditRunStepInput = {
  trigger: "admin" | "job" | "cli" | "api"
  options?: AuditRunOptions
}

export const createAuditRunStepId = "create-audit-run"

/** Creates a pending audit run. Compensation deletes it. */
export const createAuditRunStep = createStep(
  createAuditRunStepId,
  async (input: CreateAuditRunStepInput, { container }) => {
    const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
    const run = await service.createAuditRuns({
      status: "pending",
      trigger: input.trigger,
      options: (input.options ?? {}) as Record<string, unknown>,
    })
    return new StepResponse(run, run.id)
  },
  async (runId, { container }) => {
    if (!runId) {
      return
    }
    const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
    await service.deleteAuditRuns(runId)
  }
)
