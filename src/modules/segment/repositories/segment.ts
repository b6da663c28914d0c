import { runSql } from "../../../utils/sql"

/*
 * Writes to the `segment` table that the generated CRUD cannot express (counts from memberships,
 * error bookkeeping, a whole-tree replace) and the version counter. Functions take the entity
 * manager of the caller's context.
 */

/** Fresh planner statistics for `segment_membership` (after a large change; outside the writing transaction). */
export async function analyzeMemberships(db: unknown): Promise<void> {
  await runSql(db, "analyze segment_membership")
}

/** Waits for this transaction's hold of a named lock (released at commit or rollback). */
export async function lockForTransaction(db: unknown, key: string): Promise<void> {
  await runSql(db, "select pg_advisory_xact_lock(hashtext(?))", [key])
}

/**
 * Stores a segment's current member count; `evaluatedAt` (a full evaluation) also records when
 * and clears the last error. Returns the count.
 */
export async function refreshMemberCount(db: unknown, segmentId: string, evaluatedAt?: Date): Promise<number> {
  const [row] = await runSql<{ member_count: number }>(
    db,
    `update segment set member_count = (
        select count(*) from segment_membership where segment_id = ? and exited_at is null and deleted_at is null
      )${
        evaluatedAt
          ? ", last_evaluated_at = ?::timestamptz, last_error = null, last_error_at = null, error_count = 0"
          : ""
      }, updated_at = updated_at
      where id = ? returning member_count`,
    evaluatedAt ? [segmentId, evaluatedAt.toISOString(), segmentId] : [segmentId, segmentId]
  )
  return Number(row?.member_count ?? 0)
}

/** Records why an evaluation failed; returns the segment's (unchanged) member count. */
export async function recordEvaluationError(db: unknown, segmentId: string, message: string): Promise<number> {
  const [row] = await runSql<{ member_count: number }>(
    db,
    `update segment set last_error = ?, last_error_at = now(), error_count = error_count + 1
      where id = ? returning member_count`,
    [message, segmentId]
  )
  return Number(row?.member_count ?? 0)
}

/** Replaces a segment's rule tree as a whole (a JSON merge would mix the old and the new tree). */
export async function replaceRules(db: unknown, segmentId: string, rules: unknown): Promise<void> {
  await runSql(db, "update segment set rules = ?::jsonb, updated_at = now() where id = ?", [
    rules === null || rules === undefined ? null : JSON.stringify(rules),
    segmentId,
  ])
}

/** The last version number recorded for a segment (0 when none). */
export async function lastVersion(db: unknown, segmentId: string): Promise<number> {
  const [row] = await runSql<{ v: number }>(
    db,
    "select coalesce(max(version), 0)::int as v from segment_version where segment_id = ?",
    [segmentId]
  )
  return Number(row?.v ?? 0)
}

/** A read model's size and last refresh, for the data audit's freshness check. */
export type SegmentReadModelFreshness = {
  name: string
  table: string
  rows: number
  refreshed_at: string | null
  /** rows never refreshed (an active segment never evaluated) */
  never_refreshed: number
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)

/** Active segments' last evaluation, and the membership rows' last change. */
export async function readModelFreshness(db: unknown): Promise<SegmentReadModelFreshness[]> {
  const [evaluations] = await runSql<{ n: string; refreshed_at: unknown; never: string }>(
    db,
    `SELECT count(*) AS n, max(last_evaluated_at) AS refreshed_at,
            count(*) FILTER (WHERE last_evaluated_at IS NULL) AS never
     FROM segment WHERE deleted_at IS NULL AND status = 'active'`
  )
  const [memberships] = await runSql<{ n: string; refreshed_at: unknown }>(
    db,
    `SELECT count(*) AS n, max(updated_at) AS refreshed_at FROM segment_membership WHERE deleted_at IS NULL`
  )
  return [
    {
      name: "segment evaluations",
      table: "segment",
      rows: Number(evaluations?.n ?? 0),
      refreshed_at: iso(evaluations?.refreshed_at),
      never_refreshed: Number(evaluations?.never ?? 0),
    },
    {
      name: "segment memberships",
      table: "segment_membership",
      rows: Number(memberships?.n ?? 0),
      refreshed_at: iso(memberships?.refreshed_at),
      never_refreshed: 0,
    },
  ]
}
