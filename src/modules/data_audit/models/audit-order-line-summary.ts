import { model } from "@medusajs/framework/utils"

/**
 * Audit read model: one row per placed order (src/utils/counted-order.ts) with the line counts and
 * revenue the line checks need, so an audit reads ~1 narrow row per order instead of joining every
 * order line. Only what the order itself owns is stored: the customer's account and the product's
 * state are joined when the audit runs. `order_version`, `order_updated_at` and the order columns
 * tell whether the row is current (`repositories/order-line-summary.ts`).
 */
const AuditOrderLineSummary = model
  .define("audit_order_line_summary", {
    id: model.id({ prefix: "aols" }).primaryKey(),
    order_id: model.text(),
    order_version: model.number(),
    order_updated_at: model.dateTime(),
    customer_id: model.text().nullable(),
    currency_code: model.text(),
    ordered_at: model.dateTime(),
    canceled: model.boolean().default(false),
    /** Lines of the order's current version. */
    lines: model.number().default(0),
    /** Lines whose unit price (`coalesce(order_item.unit_price, order_line_item.unit_price)`) is <= 0. */
    non_positive_price_lines: model.number().default(0),
    /** Lines with no product id (a product id of a deleted product is judged when the audit runs). */
    no_product_id_lines: model.number().default(0),
    /** Lines the non-product heuristic flags by their own code or title (the product's flag is judged when the audit runs). */
    non_product_code_lines: model.number().default(0),
    missing_description_lines: model.number().default(0),
    /** Sum of quantity x unit price over the lines. */
    revenue: model.bigNumber(),
  })
  .indexes([{ on: ["order_id"], unique: true }])

export default AuditOrderLineSummary
