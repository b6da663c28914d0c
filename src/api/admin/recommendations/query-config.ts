export const recommendationRuleFields = [
  "id",
  "name",
  "action",
  "target_type",
  "target_id",
  "weight",
  "segment_id",
  "objective_id",
  "version",
  "status",
  "metadata",
  "created_at",
  "updated_at",
]

export const listRecommendationRulesQueryConfig = {
  defaults: recommendationRuleFields,
  allowed: recommendationRuleFields,
  defaultLimit: 50,
  isList: true,
}

export const retrieveRecommendationRuleQueryConfig = {
  defaults: recommendationRuleFields,
  allowed: recommendationRuleFields,
  isList: false,
}
