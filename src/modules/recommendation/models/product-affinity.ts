import { model } from "@medusajs/framework/utils"

/**
 * Co-purchase counts: `customer_count` customers bought both `product_id` and `related_product_id`.
 * The diagonal (product_id = related_product_id) holds how many customers bought the product.
 * Maintained incrementally on `order.placed` and rebuilt by a job with raw SQL.
 */
const ProductAffinity = model
  .define("product_affinity", {
    id: model.id({ prefix: "praff" }).primaryKey(),
    product_id: model.text(),
    related_product_id: model.text(),
    customer_count: model.number().default(0),
  })
  .indexes([
    { on: ["product_id", "related_product_id"], unique: true },
    { on: ["product_id", "customer_count"] },
    // store-wide best sellers read the diagonal ordered by buyers
    { on: ["customer_count"], where: "product_id = related_product_id AND deleted_at IS NULL" },
  ])

export default ProductAffinity
