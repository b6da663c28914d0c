import { model } from "@medusajs/framework/utils"

/** One change to an objective, segment or rule: who, when, what and why. */
const DecisionLog = model
  .define("decision_log", {
    id: model.id({ prefix: "declog" }).primaryKey(),
    entity_type: model.text(),
    entity_id: model.text(),
    action: model.text(),
    actor_id: model.text().nullable(),
    reason: model.text().nullable(),
    diff: model.json().nullable(),
  })
  .indexes([{ on: ["entity_type", "entity_id"] }])

export default DecisionLog
