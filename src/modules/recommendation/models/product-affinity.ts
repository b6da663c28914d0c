import { model } from "@medusajs/framework/utils"

/**
 * Co-purchase counts: `customer_count` customers bought both `product_id` and `related_product_id`;
 * `later_count` of them first bought `related_product_id` at least a day after their first purchase
 * of `product_id` (they came back for it); `weight` = customer_count + later_count ranks neighbours.
 * The diagonal (product_id = related_product_id) holds how many customers bought the product.
 * Maintained incrementally on `order.placed` and rebuilt by a job with raw SQL.
 */
const ProductAffinity = model
  .define("product_affinity", {
    id: model.id({ prefix: "praff" }).primaryKey(),
    product_id: model.text(),
    related_product_id: model.text(),
    customer_count: model.number().default(0),
    later_count: model.number().default(0),
    weight: model.number().default(0),
    weighted_count: model.float().default(0),
  })
  .indexes([
    { on: ["product_id", "related_product_id"], unique: true },
    // Neighbours of a product, best first, come from a covering index created in raw SQL by
    // Migration20261127154725 (DML indexes have no DESC / INCLUDE): product_id, weight DESC,
    // related_product_id INCLUDE (customer_count, later_count, weighted_count) since
    // Migration20261201030000, so the LATERAL read is an
    // index-only scan that stops after neighbors_per_product rows.
    // store-wide best sellers read the diagonal ordered by buyers
    { on: ["customer_count"], where: "product_id = related_product_id AND deleted_at IS NULL" },
  ])

export default ProductAffinity
