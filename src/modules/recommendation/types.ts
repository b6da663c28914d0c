import { FilterCounts, RecommendedItem } from "./utils/types"
import { ScoringOptions } from "./utils/scoring"

/** `buy_again`: the logged-in customer's due re-buys (utils/buy-again.ts). */
export type Placement = "home" | "product" | "cart" | "buy_again"

export type ExperimentGroup = "treatment" | "holdout"

/** A customer's group in one active objective (decided by the objective module). */
export type ObjectiveGroup = { objective_id: string; group: ExperimentGroup }

export type RecommendForInput = {
  placement: Placement
  customer_id: string | null
  product_id?: string
  cart_id?: string
  limit: number
  sales_channel_ids: string[]
  now?: Date
  /** false skips the anonymous-list cache (the admin preview shows rule changes at once). */
  use_cache?: boolean
}

/** A ranked best-seller list: customers who bought each product. */
export type PopularItem = { product_id: string; count: number }

/**
 * What the recommendation module knows of the rest of the store for one request, gathered by
 * `loadRecommendationContextStep` from the objective and segment modules and Medusa's cart
 * (plain data: it travels between workflow steps).
 */
export type RecommendationContext = {
  /** The customer's group in every active objective (empty for anonymous visitors). */
  groups: ObjectiveGroup[]
  /** The objective whose holdout decides whether the co-purchase engine personalizes (null: none active). */
  engine_objective_id: string | null
  /** The customer's current segments (empty for anonymous visitors). */
  segment_ids: string[]
  /** Products in the request's cart; null when the request names no cart. */
  cart_product_ids: string[] | null
}

/**
 * What the module needs from other plugin modules while ranking, supplied by the workflow step that
 * calls it (the segment module's service); the module caches what they return.
 */
export type RecommendationSources = {
  /** Best sellers among the current members of the segments. */
  bestSellersInSegments(segmentIds: string[], limit: number): Promise<PopularItem[]>
}

export type Experiment = {
  /** The objective governing the co-purchase engine (see docs/objectives.md). */
  objective_id: string | null
  /** The customer's group in that objective; null for anonymous visitors and when no objective is active. */
  group: ExperimentGroup | null
  personalized: boolean
  /** The customer's group in every active objective: rules apply per their own objective's group. */
  groups: ObjectiveGroup[]
}

export type RecommendForResult = {
  recommendation_id: string
  placement: Placement
  items: RecommendedItem[]
  filters: FilterCounts
  experiment: Experiment
  segment_ids: string[]
  rules_applied: { id: string; version: number; action: string }[]
  /** Rules that removed a candidate while the list was ranked. */
  exclude_rule_ids: string[]
}

// The module's options are defined (names, defaults, rules) by one zod schema in utils/options.ts.
export { DEFAULT_OPTIONS } from "./utils/options"
export type { RecommendationModuleOptions, RecommendationSettings } from "./utils/options"

/** What the nightly co-purchase update did (`refreshAffinity`): a full rebuild or an incremental pass. */
export type AffinityRefresh = {
  kind: "full" | "incremental"
  /** Full: co-purchase pairs counted; incremental: pairs whose customer count moved. */
  pairs: number
  /** Full: placed orders marked processed; incremental: null. */
  orders: number | null
  /** Incremental: customers with orders changed since the previous pass (recounted). */
  customers: number | null
  /** Incremental: of those, customers whose counted history changed. */
  changed: number | null
  /** Incremental: `product_affinity` rows written. */
  rows: number | null
  /** Incremental: orders changed since this time were looked for. */
  since: string | null
}

/** The paired-product counts of the latest co-purchase pass (`coPurchaseEvidence`, the data audit's `products.unpaired`). */
export type CoPurchaseEvidence = {
  /** Products with co-purchase counts: in at least one customer's counted history (the diagonal). */
  products: number
  /** Of those, products with a neighbour bought with them by `min_support` customers or more. */
  paired_products: number
  /** The module's `min_support` when the pass counted. */
  min_support: number
  /** The pass that counted them, and when it ended (ISO). */
  pass: "full" | "incremental"
  counted_at: string
}

/** Size of each fallback list the route ranks (store, category, segment best sellers) for a list of `limit`. */
export function fallbackListSize(limit: number): number {
  return Math.max(100, limit * 4)
}

/** The engine's group: the customer's group in the objective governing the engine. */
export function engineGroup(context: RecommendationContext): ExperimentGroup | null {
  return context.groups.find((g) => g.objective_id === context.engine_objective_id)?.group ?? null
}

/** The model the store's latest validation chose (see utils/validation and docs/recommendations.md). */
export type ServedModel = {
  validation_id: string
  /** `best_sellers` or a co-purchase candidate key. */
  chosen: string
  /** Scoring options of the co-purchase model; null: personalized requests get best sellers. */
  params: ScoringOptions | null
  reason: string
}
