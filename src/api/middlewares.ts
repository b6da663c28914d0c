import { defineMiddlewares } from "@medusajs/framework/http"
import { adminSegmentRoutesMiddlewares } from "./admin/segments/middlewares"
import { adminObjectiveRoutesMiddlewares } from "./admin/objectives/middlewares"
import { adminDecisionLogRoutesMiddlewares } from "./admin/decision-log/middlewares"
import { storeObjectiveRoutesMiddlewares } from "./store/objectives/middlewares"
import { adminDataAuditRoutesMiddlewares } from "./admin/data-audit/middlewares"
import { adminRecommendationRoutesMiddlewares } from "./admin/recommendations/middlewares"
import { storeRecommendationRoutesMiddlewares } from "./store/recommendations/middlewares"
import { storeCustomerSegmentRoutesMiddlewares } from "./store/customers/me/segments/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminSegmentRoutesMiddlewares,
    ...adminObjectiveRoutesMiddlewares,
    ...adminDecisionLogRoutesMiddlewares,
    ...storeObjectiveRoutesMiddlewares,
    ...adminDataAuditRoutesMiddlewares,
    ...adminRecommendationRoutesMiddlewares,
    ...storeRecommendationRoutesMiddlewares,
    ...storeCustomerSegmentRoutesMiddlewares,
  ],
})
