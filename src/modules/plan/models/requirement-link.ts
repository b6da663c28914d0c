import { model } from "@medusajs/framework/utils"
import Requirement from "./requirement"

/**
 * What satisfies a requirement: a segment, a recommendation rule or a data source (a declared
 * external system `dsrc_...`, or a detected Medusa source `medusa:orders`). One row per target.
 */
const RequirementLink = model
  .define("requirement_link", {
    id: model.id({ prefix: "reqlnk" }).primaryKey(),
    target_type: model.enum(["segment", "recommendation_rule", "data_source"]),
    target_id: model.text(),
    requirement: model.belongsTo(() => Requirement, { mappedBy: "links" }),
  })
  .indexes([{ on: ["target_type", "target_id"] }])

export default RequirementLink
