import { authenticate, MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { StoreGetObjectiveGroup } from "./validators"

const groupMiddlewares = [
  authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
  validateAndTransformQuery(StoreGetObjectiveGroup, {}),
]

export const storeObjectiveRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/store/objectives/groups", middlewares: groupMiddlewares },
  { method: ["GET"], matcher: "/store/objectives/:id/group", middlewares: groupMiddlewares },
]
