import type { MedusaContainer } from "@medusajs/framework/types"
import { DATA_AUDIT_MODULE } from "../../../modules/data_audit"
import type DataAuditModuleService from "../../../modules/data_audit/service"

/**
 * What the early steps' compensation needs: the run, and the error that stopped it before its checks.
 * On success they pass `null` (a step without compensation input would get its output instead).
 */
export type PendingRunFailure = { run_id: string; error: string }

export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * Ends a run that failed before its checks started as failed with the error. A run that is no
 * longer pending (started elsewhere, finished, or already failed) or no longer exists is left as it is.
 */
export async function failPendingAuditRun(container: MedusaContainer, failure: PendingRunFailure | null | undefined) {
  if (!failure?.run_id) {
    return
  }
  const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
  const [run] = await service.listAuditRuns({ id: failure.run_id }, { select: ["id", "status"] })
  if (run?.status === "pending") {
    await service.failAuditRun(run.id, failure.error)
  }
}
