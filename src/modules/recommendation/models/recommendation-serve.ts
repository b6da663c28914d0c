import { model } from "@medusajs/framework/utils"

/**
 * One list served by `GET /store/recommendations`: which products, to whom, in which experiment
 * group. Events are accepted only for a product a serve listed, from its visitor, with its group.
 * Kept `serve_retention_days` (rows are deleted by the cleanup job).
 */
const RecommendationServe = model
  .define("recommendation_serve", {
    id: model.id({ prefix: "rec" }).primaryKey(),
    customer_id: model.text().nullable(),
    cart_id: model.text().nullable(),
    placement: model.text(),
    product_ids: model.array(),
    objective_id: model.text().nullable(),
    experiment_group: model.text().nullable(),
  })
  .indexes([{ on: ["created_at"] }])

export default RecommendationServe
