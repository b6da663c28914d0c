import { MedusaError } from "@medusajs/framework/utils"
import { AUDIT_CHECKS_BY_ID, describeCheck } from "../../../modules/data_audit/checks"

/** A stored finding with its check's description (how measured, remediation, sample entity). */
export function withCheck<T extends { check_id: string }>(finding: T) {
  const check = AUDIT_CHECKS_BY_ID[finding.check_id]
  return {
    ...finding,
    measured: check?.measured ?? null,
    remediation: check?.remediation ?? null,
    sample_entity: check?.sample_entity ?? "none",
  }
}

export function getCheckOrThrow(checkId: string) {
  const check = AUDIT_CHECKS_BY_ID[checkId]
  if (!check) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Audit check with id: ${checkId} was not found`)
  }
  return describeCheck(check)
}

/** Progress of a run, 0..1. */
export function progressOf(run: { status: string; checks_done: number; checks_total: number }) {
  if (run.status === "completed") {
    return 1
  }
  return run.checks_total ? run.checks_done / run.checks_total : 0
}
