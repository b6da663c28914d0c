import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { AuditCheck, AuditContext, AuditOptions, CheckResult } from "./types"
import { shareOf } from "../utils/score"
import { runSql } from "../../../utils/sql"
import { AUDIT_SOURCES } from "../repositories"
import { prefetchReadModel } from "../repositories/order-line-summary"

export const DEFAULT_OPTIONS = { stale_days: 365, sample_size: 20 }
export const MAX_SAMPLE_SIZE = 20

/** A finding as the runner produces it (before it is stored). */
export type FindingInput = {
  check_id: string
  title: string
  area: AuditCheck["area"]
  entity: string
  severity: AuditCheck["severity"]
  subject_id: string | null
  subject_label: string | null
  affected: number
  total: number
  share: number
  sample_ids: string[]
  blocks: AuditCheck["blocks"]
  details: Record<string, unknown> | null
}

/** An audit context over a knex connection or transaction: bound SQL, table presence, memo, the aggregates' source. */
export function createAuditContext(db: Knex | Knex.Transaction, options: AuditOptions): AuditContext {
  const memo = new Map<string, Promise<unknown>>()
  const tables = new Map<string, Promise<boolean>>()
  const query = <T>(sql: string, bindings: unknown[] = []) => runSql<T>(db, sql, bindings)
  const { subjects = {}, ...rest } = options
  return {
    options: { ...rest, sample_size: Math.min(MAX_SAMPLE_SIZE, Math.max(0, options.sample_size)) },
    subjects,
    source: AUDIT_SOURCES[options.implementation ?? "read_model"],
    query,
    tableExists(name) {
      if (!tables.has(name)) {
        tables.set(
          name,
          query<{ t: string | null }>(`select to_regclass(?)::text as t`, [name]).then((r) => !!r[0]?.t)
        )
      }
      return tables.get(name)!
    },
    memo<T>(key: string, fn: () => Promise<T>) {
      if (!memo.has(key)) {
        memo.set(key, fn())
      }
      return memo.get(key) as Promise<T>
    },
  }
}

export function toFindings(
  check: AuditCheck,
  result: CheckResult | CheckResult[],
  duration_ms: number
): FindingInput[] {
  const results = Array.isArray(result) ? result : [result]
  return results.map((r) => ({
    check_id: check.id,
    title: check.title,
    area: check.area,
    entity: check.entity,
    severity: check.severity,
    subject_id: r.subject_id ?? null,
    subject_label: r.subject_label ?? null,
    affected: r.affected,
    total: r.total,
    share: shareOf(r.affected, r.total),
    sample_ids: r.sample_ids.slice(0, MAX_SAMPLE_SIZE),
    blocks: r.blocks ?? check.blocks,
    details: { ...(r.details ?? {}), duration_ms },
  }))
}

/** The Medusa tables the checks read (constants: they are used as identifiers). */
export const AUDITED_TABLES = [
  "order",
  "order_item",
  "order_line_item",
  "customer",
  "customer_address",
  "product",
  "product_variant",
  "product_category_product",
  "product_tags",
  "image",
  "product_sales_channel",
  "product_variant_price_set",
  "price",
]

/**
 * Refreshes planner statistics of audited tables that were never analyzed or changed a lot since
 * (typically right after a bulk import, before autovacuum caught up): without them PostgreSQL
 * plans nested loops over a million order lines and a 2 s audit takes minutes. Same effect as
 * autovacuum's ANALYZE; failures (e.g. not the table owner) are ignored.
 */
export async function refreshStaleStatistics(knex: Knex): Promise<string[]> {
  const rows = await runSql<{ relname: string }>(
    knex,
    `select relname from pg_stat_user_tables
     where schemaname = current_schema() and relname = any(?::text[])
       and ((last_analyze is null and last_autoanalyze is null and n_live_tup + n_mod_since_analyze > 0)
            or n_mod_since_analyze > 0.2 * greatest(n_live_tup, 1000))`,
    [AUDITED_TABLES]
  )
  const stale = rows.map((r) => r.relname)
  const analyzed: string[] = []
  for (const table of stale) {
    if (!AUDITED_TABLES.includes(table)) {
      continue
    }
    try {
      await runSql(knex, `analyze "${table}"`)
      analyzed.push(table)
    } catch {
      // Statistics are an optimization; the audit still runs.
    }
  }
  return analyzed
}

/** Read-only, repeatable read, no JIT, room for hash joins (reset at the end of the transaction). */
async function configureAuditTransaction(trx: Knex.Transaction, snapshot?: string): Promise<void> {
  await runSql(trx, "set transaction isolation level repeatable read, read only")
  if (snapshot !== undefined) {
    // SET TRANSACTION SNAPSHOT takes no bound parameter; the id comes from pg_export_snapshot(), checked by the caller.
    await runSql(trx, `set transaction snapshot '${snapshot}'`)
  }
  // Short analytical queries: JIT compilation costs more than it saves; hash joins over order
  // lines stay in memory instead of spilling in batches.
  await runSql(trx, "set local jit = off")
  await runSql(trx, "set local work_mem = '64MB'")
}

/** A second read-only transaction on `trx`'s snapshot (same data, another backend). */
async function sideTransaction(knex: Knex, trx: Knex.Transaction): Promise<Knex.Transaction> {
  const [{ snapshot }] = await runSql<{ snapshot: string }>(trx, "select pg_export_snapshot() as snapshot")
  if (!/^[0-9A-Fa-f-]+$/.test(String(snapshot))) {
    throw new Error(`Unexpected snapshot id from PostgreSQL: ${snapshot}`)
  }
  const side = await knex.transaction()
  try {
    await configureAuditTransaction(side, snapshot)
  } catch (e) {
    await side.rollback().catch(() => undefined)
    throw e
  }
  return side
}

/**
 * Runs checks one by one inside a read-only, repeatable-read transaction (so all counts see the
 * same snapshot), calling `onCheck` after each with that check's findings. With the read model
 * (the default), its reads run meanwhile on a second connection of the same snapshot
 * (`prefetchReadModel`): the customer and order statement and they no longer wait for each other.
 */
export async function runChecks(
  knex: Knex,
  checks: AuditCheck[],
  options: AuditOptions,
  onCheck: (check: AuditCheck, findings: FindingInput[], index: number) => Promise<void>
): Promise<void> {
  await refreshStaleStatistics(knex)
  const trx = await knex.transaction()
  let side: Knex.Transaction | null = null
  let prefetched: Promise<void> | null = null
  try {
    await configureAuditTransaction(trx)
    const ctx = createAuditContext(trx, options)
    if ((options.implementation ?? "read_model") === "read_model") {
      side = await sideTransaction(knex, trx)
      prefetched = prefetchReadModel(ctx, createAuditContext(side, options))
    }
    for (let i = 0; i < checks.length; i++) {
      const started = Date.now()
      const result = await checks[i].run(ctx)
      await onCheck(checks[i], toFindings(checks[i], result, Date.now() - started), i)
    }
    // A failed read reached the checks that read it; the others did not need it.
    await prefetched?.catch(() => undefined)
    await trx.commit()
  } catch (e) {
    await trx.rollback().catch(() => undefined)
    throw e
  } finally {
    // Reads only: its end changes nothing, but it must not stay open.
    await prefetched?.catch(() => undefined)
    await side?.rollback().catch(() => undefined)
  }
}
