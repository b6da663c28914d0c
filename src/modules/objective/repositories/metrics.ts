import { countedOrder } from "../../../utils/counted-order"
import { runSql } from "../../../utils/sql"
import { GroupSums } from "../utils/lift-report"
import { buildMetricQuery, MetricQueryInput } from "../utils/metric-sql"

/*
 * The objective module's SQL over Medusa's orders, on the one definition of a counted order
 * (src/utils/counted-order.ts). Functions take the entity manager of the caller's context.
 */

/** One row of the metric query: a group's sums (numeric columns may arrive as strings). */
export type MetricSumsRow = { group: string } & Record<keyof GroupSums, number | string>

/** The metric's sums per group ("all", or "treatment" and "holdout"); see `buildMetricQuery`. */
export async function metricSums(db: unknown, input: MetricQueryInput): Promise<MetricSumsRow[]> {
  const { sql, bindings } = buildMetricQuery(input)
  return await runSql<MetricSumsRow>(db, sql, bindings)
}

/** When the last counted order in a currency was placed (null: none). */
export async function lastCountedOrderAt(db: unknown, currencyCode: string): Promise<Date | null> {
  const [row] = await runSql<{ last: Date | string | null }>(
    db,
    `select max(o.created_at) as last from "order" o
     where ${countedOrder("o")} and lower(o.currency_code) = lower(?)`,
    [currencyCode]
  )
  return row?.last ? new Date(row.last) : null
}

/**
 * Active objectives as the experiment design reads them, in one plain query: it runs on every
 * recommendation request (the ORM's list took 5.4 ms a call on the bench store).
 */
export async function activeObjectives(
  db: unknown
): Promise<{ id: string; holdout_share: number; started_at: Date | null; created_at: Date }[]> {
  const rows = await runSql<{ id: string; holdout_share: number | string; started_at: Date | null; created_at: Date }>(
    db,
    `select id, holdout_share, started_at, created_at from objective where status = 'active' and deleted_at is null`
  )
  return rows.map((r) => ({ ...r, holdout_share: Number(r.holdout_share) }))
}
