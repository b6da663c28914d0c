import { MiddlewareRoute, authenticate, validateAndTransformQuery } from "@medusajs/framework/http"
import { storeRecommendationQueryConfig } from "./query-config"
import { StoreGetRecommendationsParams, StorePostRecommendationEvent } from "./validators"
import { personalizeStoreProducts } from "./personalized-products"
import { limitRecommendationEvents } from "./rate-limit"
import { validateBody } from "../../utils/validators"
import {
  filterByKeySalesChannels,
  normalizePricingRegion,
  setProductPricingContext,
  setProductTaxContext,
} from "./store-product-context"

export const storeRecommendationRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/recommendations",
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      validateAndTransformQuery(StoreGetRecommendationsParams, storeRecommendationQueryConfig),
      filterByKeySalesChannels,
      normalizePricingRegion,
      setProductPricingContext,
      setProductTaxContext,
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
