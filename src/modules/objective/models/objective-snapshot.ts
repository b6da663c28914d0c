import { model } from "@medusajs/framework/utils"
import Objective from "./objective"

/**
 * The metric for one group (treatment or holdout), optionally one segment, over one period,
 * with the sufficient statistics needed to recompute intervals.
 */
const ObjectiveSnapshot = model
  .define("objective_snapshot", {
    id: model.id({ prefix: "objsnap" }).primaryKey(),
    objective: model.belongsTo(() => Objective, { mappedBy: "snapshots" }),
    group: model.enum(["treatment", "holdout"]),
    segment_id: model.text().nullable(),
    metric: model.text(),
    period_start: model.dateTime(),
    period_end: model.dateTime(),
    /** customers measured */
    n: model.number(),
    value: model.float(),
    std_error: model.float(),
    /** for proportion metrics */
    successes: model.number().nullable(),
    /** sums the estimate was computed from (n, sum, sum_sq or ratio sums) */
    sums: model.json().nullable(),
    /** what triggered it: "schedule", "on_demand", "baseline" */
    source: model.text().default("on_demand"),
  })
  .indexes([{ on: ["objective_id", "period_end"] }])

export default ObjectiveSnapshot
