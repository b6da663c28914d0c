import { defineLink } from "@medusajs/framework/utils"
import ObjectiveModule from "../modules/objective"
import RecommendationModule from "../modules/recommendation"

/** Objectives a recommendation rule or placement serves (many-to-many). */
export default defineLink(
  { linkable: ObjectiveModule.linkable.objective, isList: true },
  { linkable: RecommendationModule.linkable.recommendationRule, isList: true }
)
