import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetPlan, AdminSetReview } from "./validators"
import { validateBody } from "../../utils/validators"

export const adminPersonalizationPlanRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/personalization/plan",
    middlewares: [validateAndTransformQuery(AdminGetPlan, {})],
  },
  { method: ["POST"], matcher: "/admin/personalization/reviews", middlewares: [validateBody(AdminSetReview)] },
]
