import { placedOrder } from "../../../utils/counted-order"
import { NON_PRODUCT_CODES, NON_PRODUCT_CODE_PREFIXES } from "../../../utils/non-product"
import { AuditCheck, blocks } from "./types"
import {
  CANCELED,
  distinctSampleIds,
  LINE_PRICE,
  LINES_FROM,
  lineStats,
  NON_PRODUCT,
  ORDERS_FROM,
  orderStats,
  sampleIds,
} from "./shared"

// Line findings sample the order ids (the admin has order pages, not line pages).
const lineSample = (where: string) => `select o.id from ${LINES_FROM} and ${where}`

/**
 * Samples for a condition on the line and its product only: candidate lines are found first
 * (a scan that stops early), then kept if they belong to a live order's current version. Counts
 * stay exact (they come from the line pass); only the samples are drawn from the first candidates.
 */
const lineOnlySample = (where: string) => `with cand as materialized (
    select li.id from order_line_item li
    left join product p on p.id = li.product_id and p.deleted_at is null
    where li.deleted_at is null and ${where}
    limit 1000)
  select o.id from cand
  join order_item oi on oi.item_id = cand.id and oi.deleted_at is null
  join "order" o on o.id = oi.order_id and o.version = oi.version and ${placedOrder("o")}`

export const orderChecks: AuditCheck[] = [
  {
    id: "orders.canceled",
    title: "Canceled orders",
    area: "orders",
    entity: "order",
    sample_entity: "order",
    severity: "info",
    measured:
      "Orders with status canceled or a canceled_at date, out of all orders; details: how many lines they hold.",
    remediation:
      "Nothing to fix: metrics and co-purchase counts must exclude them (the plugin does). A high share is worth a look.",
    blocks: blocks([], ["average_order_value", "conversion_rate"], []),
    async run(ctx) {
      const [o, l] = await Promise.all([orderStats(ctx), lineStats(ctx)])
      return {
        affected: o.canceled,
        total: o.total,
        sample_ids: await sampleIds(ctx, o.canceled, `select o.id from ${ORDERS_FROM} and ${CANCELED} order by o.id`),
        details: { lines: l.canceled },
      }
    },
  },
  {
    id: "orders.non_positive_price_lines",
    title: "Order lines with a zero or negative price",
    area: "orders",
    entity: "order_line",
    sample_entity: "order",
    severity: "medium",
    measured:
      "Lines of the latest order versions whose unit price is <= 0, out of all lines; samples are their orders.",
    remediation:
      "Mark free items and adjustments explicitly (metadata or a non-product flag) so revenue metrics can exclude them.",
    blocks: blocks(
      ["average_order_value", "total_spent"],
      ["average_order_value", "revenue_per_customer"],
      ["co_purchase"]
    ),
    async run(ctx) {
      const l = await lineStats(ctx)
      return {
        affected: l.non_positive_price,
        total: l.total,
        sample_ids: await distinctSampleIds(ctx, l.non_positive_price, lineSample(`${LINE_PRICE} <= 0`)),
      }
    },
  },
  {
    id: "orders.missing_product_lines",
    title: "Order lines whose product no longer exists",
    area: "orders",
    entity: "order_line",
    sample_entity: "order",
    severity: "medium",
    measured:
      "Lines with no product id or whose product is deleted or missing, out of all lines; samples are their orders.",
    remediation:
      "Restore or archive (not delete) products that were sold; map custom lines to a product where possible.",
    blocks: blocks(["products_purchased", "categories_purchased"], [], ["co_purchase", "fallback_category"]),
    async run(ctx) {
      const l = await lineStats(ctx)
      return {
        affected: l.missing_product,
        total: l.total,
        sample_ids: await distinctSampleIds(ctx, l.missing_product, lineOnlySample(`p.id is null`)),
      }
    },
  },
  {
    id: "orders.non_product_lines",
    title: "Non-product lines mixed into purchases (postage, fees, adjustments)",
    area: "orders",
    entity: "order_line",
    sample_entity: "order",
    severity: "medium",
    measured: `Lines whose code (variant SKU, else metadata.stock_code) is a known non-product code (${[...NON_PRODUCT_CODES, ...NON_PRODUCT_CODE_PREFIXES.map((p) => `${p}*`)].join(", ")}), whose title is a known fee title, or whose product has metadata.non_product = true; out of all lines.`,
    remediation:
      "Recommendations already leave these lines out (no co-purchases, best sellers or histories from them); set metadata.non_product = true on other such products so they do too. Order value and revenue still include them: record postage and fees as shipping methods or adjustments instead of product lines.",
    blocks: blocks(
      ["average_order_value", "products_purchased"],
      ["average_order_value"],
      ["co_purchase", "fallback_store"]
    ),
    async run(ctx) {
      const l = await lineStats(ctx)
      return {
        affected: l.non_product,
        total: l.total,
        sample_ids: await distinctSampleIds(ctx, l.non_product, lineOnlySample(NON_PRODUCT)),
      }
    },
  },
  {
    id: "orders.lines_without_description",
    title: "Order lines recorded without a product description",
    area: "orders",
    entity: "order_line",
    sample_entity: "order",
    severity: "low",
    measured:
      "Lines of the latest order versions flagged metadata.missing_description = true (set by importers when the source row had no description), out of all lines; samples are their orders.",
    remediation:
      "Fix the product data at the source; these lines name their product only by code, so content-based matching and readable traces cannot use them.",
    blocks: blocks([], [], ["co_purchase"]),
    async run(ctx) {
      const l = await lineStats(ctx)
      return {
        affected: l.missing_description,
        total: l.total,
        sample_ids: await distinctSampleIds(
          ctx,
          l.missing_description,
          lineOnlySample(`coalesce(li.metadata->>'missing_description', '') = 'true'`)
        ),
      }
    },
  },
  {
    id: "orders.missing_sales_channel",
    title: "Orders without a sales channel",
    area: "orders",
    entity: "order",
    sample_entity: "order",
    severity: "low",
    measured: "Orders with no sales_channel_id, out of all orders.",
    remediation:
      "Assign the store's sales channel to imported orders; per-channel segments and recommendations need it.",
    blocks: blocks([], [], ["co_purchase"]),
    async run(ctx) {
      const o = await orderStats(ctx)
      return {
        affected: o.no_sales_channel,
        total: o.total,
        sample_ids: await sampleIds(
          ctx,
          o.no_sales_channel,
          `select o.id from ${ORDERS_FROM} and o.sales_channel_id is null order by o.id`
        ),
      }
    },
  },
  {
    id: "orders.currency_mix",
    title: "Orders outside the main currency",
    area: "orders",
    entity: "order",
    sample_entity: "order",
    severity: "info",
    measured:
      "Orders whose currency is not the most common one, out of all orders; details list every currency's order count.",
    remediation: "Segment money thresholds are per currency: define segments per currency or convert before comparing.",
    blocks: blocks(["total_spent", "average_order_value"], ["average_order_value", "revenue_per_customer"], []),
    async run(ctx) {
      const rows = await ctx.source.currencies(ctx)
      const currencies: Record<string, number> = {}
      rows.forEach((r) => (currencies[r.currency] = r.orders))
      const total = rows.reduce((s, r) => s + r.orders, 0)
      const main = rows.length ? rows[0].currency : null
      const affected = main ? total - currencies[main] : 0
      return {
        affected,
        total,
        sample_ids: await sampleIds(
          ctx,
          affected,
          `select o.id from ${ORDERS_FROM} and lower(o.currency_code) <> ? order by o.id`,
          [main]
        ),
        details: { main_currency: main, currencies },
      }
    },
  },
]
