import { MedusaService } from "@medusajs/framework/utils"
import Requirement from "./models/requirement"
import RequirementLink from "./models/requirement-link"
import DataSource from "./models/data-source"
import Review from "./models/review"

/** Requirements, what satisfies them, and the external systems the merchant declares. */
class PlanModuleService extends MedusaService({
  Requirement,
  RequirementLink,
  DataSource,
  Review,
}) {}

export default PlanModuleService
