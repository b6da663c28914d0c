import { model } from "@medusajs/framework/utils"

/** Orders already counted in `product_affinity`, so a replayed `order.placed` adds nothing. */
const RecommendationProcessedOrder = model
  .define("recommendation_processed_order", {
    id: model.id({ prefix: "recpo" }).primaryKey(),
    order_id: model.text(),
  })
  .indexes([{ on: ["order_id"], unique: true }])

export default RecommendationProcessedOrder
