import { MiddlewareRoute } from "@medusajs/framework/http"

export const adminRecommendationRoutesMiddlewares: MiddlewareRoute[] = []
