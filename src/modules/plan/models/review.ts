import { model } from "@medusajs/framework/utils"

/**
 * When an objective or a segment is next due for review. Kept here, not on their own tables: the
 * review cadence belongs to the plan (the objective and segment modules do not need it).
 */
const Review = model
  .define("plan_review", {
    id: model.id({ prefix: "rev" }).primaryKey(),
    entity_type: model.enum(["objective", "segment"]),
    entity_id: model.text(),
    review_by: model.dateTime(),
    last_reviewed_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["entity_type", "entity_id"], unique: true, where: "deleted_at IS NULL" }])

export default Review
