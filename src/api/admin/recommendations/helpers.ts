import type { InferTypeOf } from "@medusajs/framework/types"
import type RecommendationValidation from "../../../modules/recommendation/models/recommendation-validation"
import type { AdminRecommendationValidation } from "../../../types/recommendations"
import type { Served } from "../../../types/served"

/** A stored validation in the admin API's shape (its JSON columns typed as the validation writes them). */
export function toAdminValidation(
  row: InferTypeOf<typeof RecommendationValidation>
): Served<AdminRecommendationValidation> {
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    chosen: row.chosen,
    params: row.params as AdminRecommendationValidation["params"],
    candidates: row.candidates as unknown as AdminRecommendationValidation["candidates"],
    sufficiency: row.sufficiency as AdminRecommendationValidation["sufficiency"],
    reason: row.reason,
    started_at: row.started_at,
    finished_at: row.finished_at,
    error: row.error,
    created_at: row.created_at,
  }
}
