import { model } from "@medusajs/framework/utils"

/** An immutable snapshot of a segment definition after each create/update: who and when. */
const SegmentVersion = model
  .define("segment_version", {
    id: model.id({ prefix: "segver" }).primaryKey(),
    segment_id: model.text(),
    version: model.number(),
    actor_id: model.text().nullable(),
    definition: model.json(),
  })
  .indexes([{ on: ["segment_id", "version"], unique: true }])

export default SegmentVersion
