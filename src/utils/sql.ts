/**
 * The plugin's one way to run SQL: `runSql(db, sql, bindings)` with `?` placeholders (knex style:
 * an array binding expands to a list, so `IN (?)` takes an array; pass a PostgreSQL array literal
 * string for `?::text[]`). `db` is the entity manager of the caller's context
 * (`sharedContext.manager` / `transactionManager`) or a knex transaction (the audit's read-only
 * snapshot); both answer the same rows.
 *
 * Only a module's `repositories/` (and the audit's checks) call it: routes, workflows and
 * services go through module services.
 */
export type SqlExecutor =
  | { execute: (sql: string, bindings?: readonly unknown[]) => Promise<unknown> }
  | { raw: (sql: string, bindings?: readonly unknown[]) => PromiseLike<unknown> }

export async function runSql<T = Record<string, unknown>>(
  db: unknown,
  sql: string,
  bindings: readonly unknown[] = []
): Promise<T[]> {
  const executor = db as SqlExecutor
  const result =
    "execute" in executor && typeof executor.execute === "function"
      ? await executor.execute(sql, bindings)
      : await (executor as { raw: (s: string, b: readonly unknown[]) => PromiseLike<unknown> }).raw(sql, bindings)
  return resultRows<T>(result)
}

/**
 * A PostgreSQL array literal for a list of strings, bound as one parameter and cast (`?::text[]`,
 * `$1::numeric[]`). Bound this way the planner sees the list and its length when it plans the
 * query; `array(select jsonb_array_elements_text(?))` hid it behind a sub-select estimated at a
 * handful of rows, and a 5,000-id page of a members export ran for minutes on a nested loop.
 */
export function pgTextArray(list: readonly unknown[]): string {
  return `{${list.map((v) => `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`
}

/** Rows of a driver result: an array (entity manager) or `{ rows }` (knex raw on pg). */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) {
    return result as T[]
  }
  return ((result as { rows?: T[] } | null)?.rows ?? []) as T[]
}
