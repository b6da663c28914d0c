import { MiddlewareRoute } from "@medusajs/framework/http"

export const storeCustomerSegmentRoutesMiddlewares: MiddlewareRoute[] = []
