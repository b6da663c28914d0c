import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { recordRecommendationEventWorkflow } from "../../../../workflows/recommendation/record-recommendation-event"
import { StorePostRecommendationEventType } from "../validators"

/** POST /store/recommendations/events: records an impression or click for objective attribution. */
export const POST = async (
  req: MedusaStoreRequest<StorePostRecommendationEventType>,
  res: MedusaResponse
) => {
  const body = req.validatedBody
  const { result } = await recordRecommendationEventWorkflow(req.scope).run({
    input: {
      ...body,
      objective_id: body.objective_id ?? null,
      experiment_group: body.experiment_group ?? null,
      customer_id: req.auth_context?.actor_id || null,
    },
  })
  res.status(201).json({ event: result })
}
