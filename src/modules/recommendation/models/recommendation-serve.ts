import { model } from "@medusajs/framework/utils"

/**
 * One list served by `GET /store/recommendations`: which products, to whom, in which experiment
 * group, shaped by which rules. Events are accepted only for a product a serve listed, from its visitor, with its group.
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
    /** Rules that pinned, boosted, buried or excluded items of this list: its impressions count for them. */
    rule_ids: model.array().default([]),
  })
  .indexes([{ on: ["created_at"] }])

export default RecommendationServe
