import type { HttpTypes } from "@medusajs/types"
import { sdk } from "./sdk"

export type Placement = "home" | "product" | "cart"

export type RecommendationReason = {
  type: "co_purchase" | "rule" | "fallback"
  message: string
  product_id?: string
  rule_id?: string
}

export type RecommendationTrace = {
  source: string
  fallback: boolean
  segment_ids: string[]
  rule_id: string | null
  rule_version: number | null
  objective_id: string | null
  filters: Record<string, number>
}

export type Experiment = {
  /** the objective whose holdout governs the co-purchase engine */
  objective_id: string | null
  group: "treatment" | "holdout" | null
  personalized: boolean
  groups: { objective_id: string; group: "treatment" | "holdout" }[]
}

/** `GET /store/recommendations` */
export type RecommendationsResponse = {
  recommendation_id: string
  placement: Placement
  products: HttpTypes.StoreProduct[]
  recommendations: { product_id: string; score: number; reasons: RecommendationReason[]; trace: RecommendationTrace }[]
  experiment: Experiment
  count: number
  limit: number
}

/** `GET /store/customers/me/segments` */
export type CustomerSegmentsResponse = {
  segments: { id: string; name: string; handle: string | null; entered_at: string }[]
}

/** `GET /store/objectives/groups` */
export type ObjectiveGroupsResponse = {
  subject: { type: "customer" | "anonymous"; id: string }
  engine_objective_id: string | null
  groups: {
    objective_id: string
    group: "treatment" | "holdout"
    holdout_share: number
    governs_recommendations: boolean
    personalize: boolean
  }[]
}

export type RecommendationQuery = {
  placement: Placement
  product_id?: string
  cart_id?: string
  region_id?: string
  limit?: number
}

export function fetchRecommendations(query: RecommendationQuery) {
  return sdk.client.fetch<RecommendationsResponse>("/store/recommendations", {
    query: { limit: 4, ...query, fields: "*variants.calculated_price" },
  })
}

/**
 * Reports an impression or a click on a served list. The server takes objective, group, cart and
 * placement from what it served, so only the list's id and the product are sent.
 */
export function recordEvent(type: "impression" | "click", recommendationId: string, productId: string) {
  return sdk.client
    .fetch<{ event: { id: string; objective_id: string | null }; duplicate: boolean }>(
      "/store/recommendations/events",
      { method: "POST", body: { type, recommendation_id: recommendationId, product_id: productId } }
    )
    .catch(() => undefined) // measurement never breaks the page
}

/** A stable id for an anonymous visitor's experiment groups (kept in localStorage). */
export function anonymousId(): string {
  const key = "storefront_anonymous_id"
  let id = localStorage.getItem(key)
  if (!id) {
    id = `anon_${crypto.randomUUID()}`
    localStorage.setItem(key, id)
  }
  return id
}
