import { authenticate, MiddlewareRoute } from "@medusajs/framework/http"

export const storeCustomerSegmentRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/customers/me/segments",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
]
