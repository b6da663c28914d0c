import { AuditCheck } from "./types"
import { customerChecks } from "./customers"
import { orderChecks } from "./orders"
import { productChecks } from "./products"
import { repurchaseChecks } from "./repurchase"
import { coPurchaseChecks } from "./co-purchase"
import { coverageChecks } from "./coverage"
import { readinessChecks } from "./readiness"

export * from "./types"

/** The check registry, in run order. Ids are stable: trends are kept per id. */
export const AUDIT_CHECKS: AuditCheck[] = [
  ...customerChecks,
  ...orderChecks,
  ...productChecks,
  ...repurchaseChecks,
  ...coPurchaseChecks,
  ...coverageChecks,
  ...readinessChecks,
]

// no prototype: "__proto__" or "constructor" from a request must not find anything
export const AUDIT_CHECKS_BY_ID: Readonly<Record<string, AuditCheck | undefined>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, AuditCheck>,
    Object.fromEntries(AUDIT_CHECKS.map((c) => [c.id, c]))
  )
)

/** Metadata of a check, without its measurement (for APIs and the admin). */
export function describeCheck(c: AuditCheck) {
  const { run: _run, ...meta } = c
  return meta
}
