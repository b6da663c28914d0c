import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetDecisionLog } from "./validators"

export const adminDecisionLogRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/decision-log",
    middlewares: [validateAndTransformQuery(AdminGetDecisionLog, {})],
  },
]
