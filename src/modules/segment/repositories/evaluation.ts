import { runSql } from "../../../utils/sql"
import {
  CompiledRules,
  factsQuery,
  membersQuery,
  membershipSql,
  previewQuery,
  SqlQuery,
  toKnexBindings,
} from "../utils"

/*
 * Runs compiled segment SQL (previews, membership), built with `$n` placeholders by ../utils and
 * converted to `?` bindings here, through the one `runSql`. Functions take the entity manager of
 * the caller's context; the service decides the transactions.
 */

/** Runs a query built with `$n` placeholders. */
export async function runQuery<T = Record<string, unknown>>(db: unknown, q: SqlQuery): Promise<T[]> {
  const { sql, params } = toKnexBindings(q)
  return runSql<T>(db, sql, params)
}

export type PreviewRow = {
  counts: { total: number; matched: number; excluded: number[] }
  samples: Record<string, unknown>[] | null
}

/** The counts, exclusions and first `limit` matches of compiled rules, in one pass. */
export async function runPreview(db: unknown, compiled: CompiledRules, limit: number): Promise<PreviewRow> {
  const [row] = await runQuery<PreviewRow>(db, previewQuery(compiled, limit))
  return row
}

/**
 * Materializes a segment's membership from compiled rules in one statement: members no longer
 * matching exit, new matches enter (see `membershipSql`); answers who.
 */
export async function applyMembership(
  db: unknown,
  compiled: CompiledRules,
  opts: { segmentId: string; at: Date; excludeSegmentIds: string[]; customerIds?: string[] }
): Promise<MembershipChange> {
  const [row] = await runQuery<{ entered: number; exited: number; entered_ids: string[]; exited_ids: string[] }>(
    db,
    membershipSql(membersQuery(compiled), opts)
  )
  return {
    entered: Number(row.entered),
    exited: Number(row.exited),
    entered_ids: row.entered_ids ?? [],
    exited_ids: row.exited_ids ?? [],
  }
}

/** The fact of every condition of compiled rules per customer (`factsQuery`), keyed by customer id. */
export async function runFacts(db: unknown, compiled: CompiledRules): Promise<Map<string, Record<string, unknown>>> {
  const rows = await runQuery<Record<string, unknown>>(db, factsQuery(compiled))
  return new Map(rows.map((r) => [r.id as string, r]))
}

/** Who entered and who exited a segment in one evaluation (sorted ids). */
export type MembershipChange = { entered: number; exited: number; entered_ids: string[]; exited_ids: string[] }
