import { model } from "@medusajs/framework/utils"

/** A personalization goal tied to one business metric, with baseline, target and holdout. */
const Objective = model.define("objective", {
  id: model.id({ prefix: "obj" }).primaryKey(),
  name: model.text().searchable(),
  business_outcome: model.text().nullable(),
  metric: model
    .enum([
      "conversion_rate",
      "average_order_value",
      "repeat_purchase_rate",
      "revenue_per_customer",
      "customer_lifetime_value",
    ])
    .default("average_order_value"),
  direction: model.enum(["increase", "decrease"]).default("increase"),
  baseline: model.bigNumber().nullable(),
  target: model.bigNumber().nullable(),
  holdout_share: model.float().default(0.05),
  status: model.enum(["draft", "active", "achieved", "abandoned"]).default("draft"),
  owner_id: model.text().nullable(),
  rationale: model.text().nullable(),
  deadline: model.dateTime().nullable(),
  metadata: model.json().nullable(),
})

export default Objective
