import { model } from "@medusajs/framework/utils"

/** A customer segment: a named, owned rule tree evaluated against real orders. */
const Segment = model
  .define("segment", {
    id: model.id({ prefix: "seg" }).primaryKey(),
    name: model.text().searchable(),
    handle: model.text(),
    description: model.text().nullable(),
    status: model.enum(["draft", "active", "archived"]).default("draft"),
    priority: model.number().default(0),
    exclusive: model.boolean().default(false),
    currency_code: model.text().default("gbp"),
    owner_id: model.text().nullable(),
    rules: model.json().nullable(),
    include_guest_orders: model.boolean().default(false),
    version: model.number().default(1),
    member_count: model.number().default(0),
    last_evaluated_at: model.dateTime().nullable(),
    /** Why the last evaluation of this segment failed; cleared by the next full evaluation that succeeds. */
    last_error: model.text().nullable(),
    last_error_at: model.dateTime().nullable(),
    /** Failed evaluations since the last success (full or incremental). */
    error_count: model.number().default(0),
    metadata: model.json().nullable(),
  })
  .indexes([
    {
      on: ["handle"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])

export default Segment
