import { model } from "@medusajs/framework/utils"

/**
 * A merchandising rule applied to recommendations for a segment. `objective_id` is the one source of
 * truth for the objective it serves (the objective -> rules link is read-only over this column).
 */
const RecommendationRule = model
  .define("recommendation_rule", {
    id: model.id({ prefix: "recrule" }).primaryKey(),
    name: model.text(),
    action: model.enum(["boost", "bury", "pin", "exclude"]).default("boost"),
    target_type: model.enum(["product", "category", "collection", "tag"]).default("product"),
    target_id: model.text(),
    weight: model.float().default(1),
    segment_id: model.text().nullable(),
    objective_id: model.text().nullable(),
    version: model.number().default(1),
    status: model.enum(["draft", "active", "archived"]).default("draft"),
    metadata: model.json().nullable(),
  })
  .indexes([{ on: ["objective_id"] }])

export default RecommendationRule
