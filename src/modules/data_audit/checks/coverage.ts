import { AuditCheck, blocks } from "./types"
import { orderStats } from "./shared"

const DAY = 86400000
export const MIN_HISTORY_DAYS = 365

export const coverageChecks: AuditCheck[] = [
  {
    id: "coverage.history_span",
    title: "Order history shorter than a year",
    area: "coverage",
    entity: "store",
    sample_entity: "none",
    severity: "medium",
    measured: `Days between the first and the last live order; affected (1 of 1) when under ${MIN_HISTORY_DAYS} days or when there are no orders.`,
    remediation:
      "Import older orders (e.g. from the previous platform) before drawing seasonal or lifetime conclusions.",
    blocks: blocks(["days_since_last_order", "order_count"], ["customer_lifetime_value", "repeat_purchase_rate"], []),
    async run(ctx) {
      const o = await orderStats(ctx)
      const span_days =
        o.first_order_at && o.last_order_at
          ? Math.floor((o.last_order_at.getTime() - o.first_order_at.getTime()) / DAY)
          : 0
      const days_since_last_order = o.last_order_at
        ? Math.floor((ctx.options.now.getTime() - o.last_order_at.getTime()) / DAY)
        : null
      return {
        affected: span_days < MIN_HISTORY_DAYS ? 1 : 0,
        total: 1,
        sample_ids: [],
        details: {
          first_order_at: o.first_order_at?.toISOString() ?? null,
          last_order_at: o.last_order_at?.toISOString() ?? null,
          span_days,
          days_since_last_order,
        },
      }
    },
  },
  {
    id: "coverage.empty_months",
    title: "Months with no orders",
    area: "coverage",
    entity: "month",
    sample_entity: "none",
    severity: "medium",
    measured:
      "Calendar months (UTC) between the first and the last live order with no order, out of all months in that span; samples are the months (YYYY-MM).",
    remediation: "Find and import the missing months; gaps distort recency, frequency and seasonality.",
    blocks: blocks(["order_count"], ["repeat_purchase_rate", "customer_lifetime_value"], ["fallback_store"]),
    async run(ctx) {
      return await ctx.source.emptyMonths(ctx)
    },
  },
  {
    id: "coverage.read_model_freshness",
    title: "Plugin read models older than the latest order",
    area: "coverage",
    entity: "read_model",
    sample_entity: "none",
    severity: "low",
    measured:
      "For each of the plugin's read models present (segment evaluations, memberships, co-purchase tables): stale when never refreshed or last refreshed before the latest order was created; out of the read models present.",
    remediation:
      "Re-evaluate segments and rebuild recommendation read models (scheduled jobs), or check that the jobs run.",
    blocks: blocks(["rfm_group", "days_since_last_order"], [], ["co_purchase"]),
    async run(ctx) {
      const o = await orderStats(ctx)
      // reported by the segment and recommendation modules (the audit reads no other module's tables)
      const models = (ctx.subjects.read_models ?? [])
        .filter((m) => m.rows > 0)
        .map((m) => {
          const refreshed = m.refreshed_at ? new Date(m.refreshed_at) : null
          const stale =
            !!o.last_order_at &&
            (m.never_refreshed > 0 || !refreshed || refreshed.getTime() < o.last_order_at.getTime())
          return { name: m.name, table: m.table, refreshed_at: refreshed?.toISOString() ?? null, stale }
        })
      const stale = models.filter((m) => m.stale)
      return {
        affected: stale.length,
        total: models.length,
        sample_ids: stale.map((m) => m.table),
        details: { models, last_order_at: o.last_order_at?.toISOString() ?? null },
      }
    },
  },
]
