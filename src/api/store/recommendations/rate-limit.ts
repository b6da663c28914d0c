import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { RECOMMENDATION_MODULE } from "../../../modules/recommendation"
import type RecommendationModuleService from "../../../modules/recommendation/service"
import { visitorKey } from "./helpers"

/**
 * At most `event_rate_per_minute` events per visitor in any sliding minute (429 beyond), counted
 * in the database so every server instance shares one count.
 */
export async function limitRecommendationEvents(
  req: MedusaStoreRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const service: RecommendationModuleService = req.scope.resolve(RECOMMENDATION_MODULE)
  const limit = service.settings.event_rate_per_minute
  const [, count] = await service.listAndCountRecommendationEvents(
    { visitor_key: visitorKey(req), created_at: { $gte: new Date(Date.now() - 60_000) } },
    { select: ["id"], take: 1 }
  )
  if (count >= limit) {
    res.setHeader("Retry-After", "60")
    res.status(429).json({
      type: "too_many_requests",
      message: `Too many recommendation events: at most ${limit} per minute per visitor`,
    })
    return
  }
  next()
}
