import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setReviewWorkflow } from "../../../../workflows/plan/set-review"
import type { AdminSetReviewType } from "../validators"

/** Schedule the next review of an objective or segment (`reviewed: true` records a review now). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSetReviewType>, res: MedusaResponse) => {
  const { reason, ...review } = req.validatedBody
  const { result } = await setReviewWorkflow(req.scope).run({
    input: { ...review, actor_id: req.auth_context?.actor_id ?? null, reason: reason ?? null },
  })
  res.json({
    review: {
      entity_type: result.entity_type,
      entity_id: result.entity_id,
      review_by: result.review_by,
      last_reviewed_at: result.last_reviewed_at,
    },
  })
}
