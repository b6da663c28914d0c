import { MiddlewareRoute } from "@medusajs/framework/http"

export const storeRecommendationRoutesMiddlewares: MiddlewareRoute[] = []
