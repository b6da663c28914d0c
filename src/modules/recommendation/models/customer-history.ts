import { model } from "@medusajs/framework/utils"

/**
 * Each customer's counted history as it stands in `product_affinity`: the products of their capped
 * history (`history_cap` most recent, as the full rebuild counts them) with their first purchase.
 * `product_affinity` is the sum over customers of the pairs of these rows, so recounting a customer
 * subtracts the pairs of their stored rows and adds those of their current history
 * (repositories/customer-history.ts). Written by the full rebuild, `recordOrder` and the nightly pass.
 */
const RecommendationCustomerHistory = model
  .define("recommendation_customer_history", {
    id: model.id({ prefix: "rech" }).primaryKey(),
    customer_id: model.text(),
    product_id: model.text(),
    first_purchased_at: model.dateTime(),
  })
  // named: the generated name would pass PostgreSQL's 63 characters and be cut
  .indexes([
    { name: "IDX_recommendation_customer_history_customer_product", on: ["customer_id", "product_id"], unique: true },
  ])

export default RecommendationCustomerHistory
