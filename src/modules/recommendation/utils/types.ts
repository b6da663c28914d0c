/** Where a recommended item came from. Fallback sources are labeled as such in the trace. */
export type RecommendationSource =
  "co_purchase" | "rule_pin" | "fallback_segment" | "fallback_category" | "fallback_store" | "buy_again"

export const FALLBACK_SOURCES: RecommendationSource[] = ["fallback_segment", "fallback_category", "fallback_store"]

/** One row of the customer's purchase history (latest order version, not canceled). */
export type PurchaseHistoryItem = {
  product_id: string
  last_purchased_at: Date
  /** Orders that contained the product (repeat purchases make a stronger seed). */
  orders?: number
}

/**
 * A co-purchase neighbour of a product: `count` customers bought both; `later` of them first
 * bought the neighbour at least a day after the product (they came back for it).
 */
export type Neighbor = {
  product_id: string
  count: number
  later?: number
  /** Customers who bought both, each weighted 1 / the products they bought (RP3beta's step). */
  weighted?: number
}

/** What the engine needs to know about a candidate product (read from the product tables). */
export type ProductFacts = {
  published: boolean
  in_sales_channel: boolean
  category_ids?: string[]
  collection_id?: string | null
  tag_ids?: string[]
  /**
   * Days after which a bought product may be recommended again (consumables); null = never. The
   * product's own `metadata.repurchase_window_days`, else the largest of its categories'.
   */
  repurchase_window_days?: number | null
  /** Where the window comes from: the product's own metadata, or its categories'. */
  repurchase_window_from?: "product" | "category" | null
}

export type RuleAction = "boost" | "bury" | "pin" | "exclude"
export type RuleTargetType = "product" | "category" | "collection" | "tag"

export type EngineRule = {
  id: string
  version: number
  action: RuleAction
  target_type: RuleTargetType
  target_id: string
  weight: number
  segment_id: string | null
  objective_id: string | null
}

export type FilterName =
  | "already_bought"
  | "in_cart"
  | "anchor"
  | "unpublished"
  | "wrong_sales_channel"
  | "unknown_product"
  | "rule_exclude"
  | "duplicate"

export type FilterCounts = Partial<Record<FilterName, number>>

export type Reason = {
  type: "co_purchase" | "rule" | "fallback" | "buy_again"
  /** Human readable, e.g. "bought together with 12 customers' purchases of <product>". */
  message: string
  product_id?: string
  rule_id?: string
}

export type ItemTrace = {
  source: RecommendationSource
  score: number
  fallback: boolean
  segment_ids: string[]
  rule_id: string | null
  rule_version: number | null
  objective_id: string | null
  filters: FilterCounts
}

export type RecommendedItem = {
  product_id: string
  score: number
  reasons: Reason[]
  trace: ItemTrace
}
