import { model } from "@medusajs/framework/utils"

/** A storefront impression or click on a served recommendation, for objective attribution. */
const RecommendationEvent = model
  .define("recommendation_event", {
    id: model.id({ prefix: "recevt" }).primaryKey(),
    type: model.enum(["impression", "click"]),
    recommendation_id: model.text(),
    product_id: model.text(),
    placement: model.text().nullable(),
    customer_id: model.text().nullable(),
    cart_id: model.text().nullable(),
    objective_id: model.text().nullable(),
    experiment_group: model.text().nullable(),
    /** Who sent it, for the rate limit: the customer id, or a hash of the anonymous client's address. */
    visitor_key: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["recommendation_id", "product_id", "type"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"] },
    { on: ["objective_id", "type"] },
    { on: ["visitor_key", "created_at"] },
  ])

export default RecommendationEvent
