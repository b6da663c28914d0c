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
    metadata: model.json().nullable(),
  })
  .indexes([{ on: ["recommendation_id"] }, { on: ["customer_id"] }, { on: ["objective_id", "type"] }])

export default RecommendationEvent
