import { model } from "@medusajs/framework/utils"
import ObjectiveSnapshot from "./objective-snapshot"

/** A personalization goal tied to one business metric, with baseline, target and holdout. */
const Objective = model
  .define("objective", {
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
    /** N for "repeat purchase within N days" and "lifetime value over N days" */
    metric_window_days: model.number().nullable(),
    direction: model.enum(["increase", "decrease"]).default("increase"),
    currency_code: model.text().default("gbp"),
    baseline: model.bigNumber().nullable(),
    /** customers the baseline was measured on */
    baseline_n: model.number().nullable(),
    baseline_window_start: model.dateTime().nullable(),
    baseline_window_end: model.dateTime().nullable(),
    baseline_computed_at: model.dateTime().nullable(),
    target: model.bigNumber().nullable(),
    holdout_share: model.float().default(0.05),
    status: model.enum(["draft", "active", "achieved", "abandoned"]).default("draft"),
    /** start of measurement: set when the objective first becomes active */
    started_at: model.dateTime().nullable(),
    owner_id: model.text().nullable(),
    rationale: model.text().nullable(),
    deadline: model.dateTime().nullable(),
    /** planning estimate made at creation: traffic, required sample, days to detect */
    plan: model.json().nullable(),
    metadata: model.json().nullable(),
    snapshots: model.hasMany(() => ObjectiveSnapshot, { mappedBy: "objective" }),
  })
  .cascades({ delete: ["snapshots"] })

export default Objective
