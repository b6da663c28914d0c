import { ScoringOptions } from "../scoring"
import {
  EngineRule,
  FilterCounts,
  Neighbor,
  ProductFacts,
  PurchaseHistoryItem,
  Reason,
  RecommendationSource,
  RecommendedItem,
} from "../types"

export type FallbackList = {
  source: "fallback_segment" | "fallback_category" | "fallback_store"
  /** Ranked best first, with the count that ranked them (customers who bought). */
  items: { product_id: string; count: number }[]
  /** Segments the list was computed for (fallback_segment only). */
  segment_ids?: string[]
}

export type EngineInput = {
  limit: number
  now: Date
  /** false for anonymous visitors and holdout customers: no history, no segments. */
  personalized: boolean
  segment_ids: string[]
  history: PurchaseHistoryItem[]
  /** Product page product and cart items: seeds for item-to-item and never recommended themselves. */
  anchors: string[]
  cart_product_ids: string[]
  neighbors: Map<string, Neighbor[]>
  item_counts: Map<string, number>
  /** Facts for every candidate; a candidate without facts is removed as unknown. */
  facts: Map<string, ProductFacts>
  rules: EngineRule[]
  fallbacks: FallbackList[]
  objective_id: string | null
  /** Objectives the customer is in the holdout of: their rules are not applied. */
  holdout_objective_ids?: string[]
  /** Most recent purchases used as seeds (all purchases still feed the already-bought filter). */
  max_seeds?: number
  /** Maximum co-purchase candidates examined (the caller loads facts for these). */
  max_candidates?: number
  scoring?: ScoringOptions
}

export type EngineOutput = {
  items: RecommendedItem[]
  filters: FilterCounts
  rules_applied: { id: string; version: number; action: string }[]
  /** Rules that removed a candidate of this list (`rule_exclude`). */
  exclude_rule_ids: string[]
}

export type Working = {
  product_id: string
  score: number
  stage: number
  pinned: number
  source: RecommendationSource
  reasons: Reason[]
  segment_ids: string[]
  rule: EngineRule | null
}
