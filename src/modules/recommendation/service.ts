import { MedusaService } from "@medusajs/framework/utils"
import RecommendationRule from "./models/recommendation-rule"

class RecommendationModuleService extends MedusaService({
  RecommendationRule,
}) {}

export default RecommendationModuleService
