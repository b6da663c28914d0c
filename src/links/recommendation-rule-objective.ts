import { defineLink } from "@medusajs/framework/utils"
import ObjectiveModule from "../modules/objective"
import RecommendationModule from "../modules/recommendation"

/** The objective a recommendation rule serves (`recommendation_rule.objective`), read-only from its `objective_id`. */
export default defineLink(
  { linkable: RecommendationModule.linkable.recommendationRule, field: "objective_id" },
  ObjectiveModule.linkable.objective,
  { readOnly: true }
)
