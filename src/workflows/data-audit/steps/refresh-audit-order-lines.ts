import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DATA_AUDIT_MODULE } from "../../../modules/data_audit"
import type DataAuditModuleService from "../../../modules/data_audit/service"

export const refreshAuditOrderLinesStepId = "refresh-audit-order-lines"

/**
 * Brings the audit read model's rows of these orders up to date. No compensation: the rows are
 * derived from the orders, written in one transaction, and a replay converges to the same rows.
 */
export const refreshAuditOrderLinesStep = createStep(
  refreshAuditOrderLinesStepId,
  async (input: { order_ids: string[] }, { container }) => {
    const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
    return new StepResponse(await service.refreshOrderLines(input.order_ids))
  }
)

export const rebuildAuditOrderLinesStepId = "rebuild-audit-order-lines"

/** Rebuilds the audit read model from every placed order. No compensation (derived rows, one transaction). */
export const rebuildAuditOrderLinesStep = createStep(rebuildAuditOrderLinesStepId, async (_: void, { container }) => {
  const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
  return new StepResponse(await service.rebuildOrderLines())
})
