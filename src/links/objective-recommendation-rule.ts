import { defineLink } from "@medusajs/framework/utils"
import ObjectiveModule from "../modules/objective"
import RecommendationModule from "../modules/recommendation"

/**
 * An objective's recommendation rules (`objective.recommendation_rules` in query.graph). Read-only:
 * no link table; it reads `recommendation_rule.objective_id`, the one source of truth for which
 * objective a rule serves (the engine reads that column on the hot path, without a join).
 */
export default defineLink(
  { linkable: ObjectiveModule.linkable.objective, field: "id", isList: true },
  { ...RecommendationModule.linkable.recommendationRule.id, primaryKey: "objective_id" },
  { readOnly: true }
)
