import { retrieveProductQueryConfig } from "@medusajs/medusa/api/store/products/query-config"

/** The same default and allowed product fields as `GET /store/products`. */
export const storeRecommendationQueryConfig = {
  ...retrieveProductQueryConfig,
}

export const DEFAULT_RECOMMENDATION_LIMIT = 12
