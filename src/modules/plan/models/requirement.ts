import { model } from "@medusajs/framework/utils"
import RequirementLink from "./requirement-link"

/**
 * A stakeholder requirement: who asks (role), what (statement), how we know it is met
 * (acceptance criterion), how much it matters (priority) and who owns it. `objective_id` names
 * the one objective it serves (the objective module's id; null = flagged as unanchored).
 */
const Requirement = model
  .define("requirement", {
    id: model.id({ prefix: "req" }).primaryKey(),
    role: model.enum(["marketing", "merchandising", "technology", "analytics"]),
    statement: model.text().searchable(),
    acceptance_criterion: model.text(),
    priority: model.enum(["must", "should", "could"]).default("should"),
    owner: model.text().nullable(),
    objective_id: model.text().nullable(),
    links: model.hasMany(() => RequirementLink, { mappedBy: "requirement" }),
  })
  .indexes([{ on: ["objective_id"] }])
  .cascades({ delete: ["links"] })

export default Requirement
