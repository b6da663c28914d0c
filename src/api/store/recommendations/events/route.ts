import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { recordRecommendationEventWorkflow } from "../../../../workflows/recommendation/record-recommendation-event"
import { StorePostRecommendationEventType } from "../validators"
import { visitorKey } from "../helpers"

/**
 * POST /store/recommendations/events: records an impression or click on a served recommendation
 * (201), once (a repeat answers 200 with `duplicate: true`); see the workflow for what is verified.
 */
export const POST = async (req: MedusaStoreRequest<StorePostRecommendationEventType>, res: MedusaResponse) => {
  const { result } = await recordRecommendationEventWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
      customer_id: req.auth_context?.actor_id || null,
      visitor_key: visitorKey(req),
    },
  })
  res.status(result.duplicate ? 200 : 201).json({ event: result.event, duplicate: result.duplicate })
}
