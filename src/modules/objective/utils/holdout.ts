import { createHash } from "crypto"

export type ExperimentGroup = "treatment" | "holdout"

/**
 * Deterministic position of a customer in [0, 1) for an objective:
 * the first 52 bits of sha256(`${objective_id}:${customer_id}`) divided by 2^52.
 * The same expression is evaluated in SQL (see HOLDOUT_BUCKET_SQL) so both sides agree.
 */
export function holdoutBucket(objectiveId: string, customerId: string): number {
  const hex = createHash("sha256").update(`${objectiveId}:${customerId}`, "utf8").digest("hex")
  return parseInt(hex.slice(0, 13), 16) / 2 ** 52
}

/** The customer's group: holdout when the bucket falls below the holdout share. */
export function assignGroup(objectiveId: string, customerId: string, holdoutShare: number): ExperimentGroup {
  return holdoutBucket(objectiveId, customerId) < holdoutShare ? "holdout" : "treatment"
}

/**
 * SQL twin of `holdoutBucket` for PostgreSQL >= 11 (built-in sha256). `$obj` and `$cust` are
 * SQL expressions (bound parameters or columns), never user text.
 */
export function holdoutBucketSql(objectiveExpr: string, customerExpr: string): string {
  return `(('x' || substr(encode(sha256(convert_to(${objectiveExpr} || ':' || ${customerExpr}, 'UTF8')), 'hex'), 1, 13))::bit(52)::bigint::float8 / 4503599627370496.0)`
}
