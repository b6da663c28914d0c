import { MiddlewareRoute } from "@medusajs/framework/http"

export const adminObjectiveRoutesMiddlewares: MiddlewareRoute[] = []
