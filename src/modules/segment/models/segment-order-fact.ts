import { model } from "@medusajs/framework/utils"

/**
 * Read model: one row per (non-draft, non-deleted) order with the facts segment
 * evaluation needs, so evaluation does not join 1M order lines. Kept current by the
 * order subscribers (`upsertOrderFacts`, idempotent) and rebuilt by `rebuildOrderFacts`
 * (nightly job, admin endpoint, after an import). `ordered_at` is the order's
 * `created_at`; `item_total` is sum(quantity * unit_price) over the order's current version.
 */
const SegmentOrderFact = model
  .define("segment_order_fact", {
    id: model.id({ prefix: "segof" }).primaryKey(),
    order_id: model.text(),
    customer_id: model.text().nullable(),
    email: model.text().nullable(),
    currency_code: model.text(),
    ordered_at: model.dateTime(),
    item_total: model.bigNumber(),
    canceled: model.boolean().default(false),
  })
  .indexes([
    { on: ["order_id"], unique: true },
    // Covers the evaluation's per-customer aggregation (index-only scan in customer order).
    { on: ["currency_code", "customer_id", "ordered_at", "canceled", "item_total"] },
    { on: ["email"] },
  ])

export default SegmentOrderFact
