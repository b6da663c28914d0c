import { model } from "@medusajs/framework/utils"

/**
 * One stay of a customer in a segment. `exited_at` null means the customer is a
 * member now; a customer who leaves and re-enters gets a new row (history).
 */
const SegmentMembership = model
  .define("segment_membership", {
    id: model.id({ prefix: "segmem" }).primaryKey(),
    segment_id: model.text(),
    customer_id: model.text(),
    entered_at: model.dateTime(),
    exited_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      on: ["segment_id", "customer_id"],
      unique: true,
      where: "exited_at IS NULL AND deleted_at IS NULL",
    },
    { on: ["customer_id"] },
    { on: ["segment_id", "exited_at"] },
  ])

export default SegmentMembership
