import { model } from "@medusajs/framework/utils"

/**
 * Audit read model: per placed order and product id, how many of its current lines name that
 * product, with the order's customer, UTC day and canceled flag: the (customer, product, day)
 * triples of the repurchase check, and what the product-dependent line counts (deleted product,
 * the product's `non_product` flag) need. Written with `audit_order_line_summary`, order by order.
 */
const AuditOrderProductLine = model
  .define("audit_order_product_line", {
    id: model.id({ prefix: "aopl" }).primaryKey(),
    order_id: model.text(),
    product_id: model.text(),
    customer_id: model.text().nullable(),
    /** The order's UTC day, as days since 1970-01-01 (differences are day counts). */
    day: model.number(),
    canceled: model.boolean().default(false),
    lines: model.number(),
    /** Of those, lines the non-product heuristic does not flag by their own code or title. */
    non_code_lines: model.number(),
  })
  .indexes([
    { on: ["order_id"] },
    // Counted rows in (product, customer, day) order: the repurchase check reads them from this
    // index alone (no sort of ~770k rows at every audit of a 1M-line store), `never_sold` probes it
    // once per product.
    { on: ["product_id", "customer_id", "day"], where: "deleted_at IS NULL AND canceled = false" },
  ])

export default AuditOrderProductLine
