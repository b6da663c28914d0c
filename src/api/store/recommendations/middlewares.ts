import { MiddlewareRoute, authenticate, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  filterByValidSalesChannels,
  normalizeDataForContext,
  setPricingContext,
  setTaxContext,
} from "@medusajs/medusa/api/utils/middlewares/index"
import { storeRecommendationQueryConfig } from "./query-config"
import { StoreGetRecommendationsParams, StorePostRecommendationEvent } from "./validators"
import { personalizeStoreProducts } from "./personalized-products"
import { limitRecommendationEvents } from "./rate-limit"
import { validateBody } from "../../utils/validators"

export const storeRecommendationRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/recommendations",
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      validateAndTransformQuery(StoreGetRecommendationsParams, storeRecommendationQueryConfig),
      filterByValidSalesChannels(),
      normalizeDataForContext(),
      setPricingContext(),
      setTaxContext(),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/recommendations/events",
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      validateBody(StorePostRecommendationEvent),
      limitRecommendationEvents,
    ],
  },
  {
    // No method: a global middleware runs before the core route's own validation, so it can take
    // `order=personalized` off the query (it only acts on GET /store/products itself).
    matcher: "/store/products",
    middlewares: [personalizeStoreProducts],
  },
]
