/**
 * The recommendation admin API's request and response shapes, as they travel over the wire (dates
 * as ISO strings). Shared by the API routes (`src/api/admin/recommendations`) and the admin hooks
 * (`src/admin/hooks/recommendations.ts`).
 */

export type AdminRecommendationRule = {
  id: string
  name: string
  action: "boost" | "bury" | "pin" | "exclude"
  target_type: "product" | "category" | "collection" | "tag"
  target_id: string
  weight: number
  segment_id: string | null
  objective_id: string | null
  version: number
  status: "draft" | "active" | "archived"
  created_at: string
  updated_at: string
}

/** The body of `POST /admin/recommendations/rules` (all of it) and `.../rules/:id` (any part). */
export type AdminRecommendationRuleInput = Omit<AdminRecommendationRule, "id" | "version" | "created_at" | "updated_at">

/** A product as the admin shows it next to a recommendation. */
export type AdminRecommendedProduct = { id: string; title: string; handle: string; thumbnail: string | null }

export type AdminRecommendationPreviewItem = {
  product_id: string
  score: number
  reasons: { type: string; message: string; product_id?: string; rule_id?: string }[]
  trace: {
    source: string
    fallback: boolean
    segment_ids: string[]
    rule_id: string | null
    rule_version: number | null
    objective_id: string | null
    filters: Record<string, number>
  }
  product: AdminRecommendedProduct | null
}

/** `GET /admin/recommendations/preview`: the list the store would serve, with reasons and traces. */
export type AdminRecommendationPreview = {
  recommendation_id: string
  items: AdminRecommendationPreviewItem[]
  filters: Record<string, number>
  experiment: { objective_id: string | null; group: string | null; personalized: boolean }
  segment_ids: string[]
  rules_applied: { id: string; version: number; action: string }[]
}

/** The query of `GET /admin/recommendations/preview`. */
export type AdminRecommendationPreviewQuery = {
  customer_id?: string
  placement: "home" | "product" | "cart" | "buy_again"
  product_id?: string
  limit?: number
}

/** `GET /admin/recommendations/frequently-bought/:product_id`: co-purchase neighbours with counts. */
export type AdminFrequentlyBoughtResponse = {
  product_id: string
  buyers: number
  items: {
    product_id: string
    customers: number
    came_back_later: number
    product: (AdminRecommendedProduct & { status: string }) | null
  }[]
}

export type AdminRecommendationRuleResponse = { rule: AdminRecommendationRule }
export type AdminRecommendationRuleListResponse = {
  rules: AdminRecommendationRule[]
  count: number
  offset: number
  limit: number
}
export type AdminRecommendationPreviewResponse = { preview: AdminRecommendationPreview }
export type AdminRebuildAffinityResponse = { affinity: { pairs: number; orders: number } }

/** One candidate of a validation: its hit rate@10 and NDCG@10 on the store's validation period. */
export type AdminValidationCandidate = {
  key: string
  label: string
  /** The co-purchase scoring options (alpha, later_weight, popularity_blend, half_life_days...); null: best sellers. */
  scoring: Record<string, number> | null
  hit_rate: number
  ndcg: number
  customers: number
  /**
   * Paired comparisons on the same customers with best sellers and the engine's default: hit-rate
   * difference, its standard error and the one-sided p-value the choice used (absent on older runs).
   */
  paired?: { against: string; difference: number; standard_error: number; p_value: number }[]
}

/** A run of the store's recommendation validation (`recommendation_validation`). */
export type AdminRecommendationValidation = {
  id: string
  status: "running" | "succeeded" | "failed"
  trigger: "job" | "admin" | "cli" | "api"
  /** Candidate key served: `best_sellers` or a co-purchase key. */
  chosen: string | null
  params: Record<string, number> | null
  candidates: AdminValidationCandidate[] | null
  sufficiency: {
    orders: number
    customers: number
    products: number
    /** Customers with orders at two or more times (absent on older runs). */
    repeat_customers?: number
    /** Products in the training split, and those with a co-purchase neighbour (absent on older runs, and without a split). */
    training_products?: number
    paired_products?: number
    validation_weeks: number | null
    cut: string | null
    test_customers: number
    sufficient: boolean
    /** Purchase rows read, seconds reading them and seconds validating (absent on older runs). */
    cost?: { purchases: number; read_seconds: number; validate_seconds: number; validate_cpu_seconds: number }
  } | null
  reason: string | null
  started_at: string
  finished_at: string | null
  error: string | null
  created_at: string
}

/** `POST /admin/recommendations/validate`: the stored validation. */
export type AdminRecommendationValidationResponse = { validation: AdminRecommendationValidation }

/** `GET /admin/recommendations/validations`: latest first. */
export type AdminRecommendationValidationListResponse = {
  validations: AdminRecommendationValidation[]
  count: number
  offset: number
  limit: number
}

/** What a detected repurchase window is proposed on (product or category). */
export type RepurchaseWindowFigures = {
  buyers: number
  rebuyers: number
  rebuy_share: number
  intervals: number
  median_interval_days: number | null
  proposed_window_days: number | null
  /** The product's or category's `metadata.repurchase_window_days` now; null: none set. */
  current_window_days: number | null
}

/** One detected repurchase window (`GET /admin/recommendations/repurchase-windows`). */
export type AdminRepurchaseWindowProposal = { product_id: string; title: string | null } & RepurchaseWindowFigures

/**
 * One detected category window: its products' same-product re-buys pooled. It serves the category's
 * products that have no window of their own (a product in several categories: the largest).
 */
export type AdminCategoryRepurchaseWindowProposal = {
  category_id: string
  name: string | null
} & RepurchaseWindowFigures

export type AdminRepurchaseWindowListResponse = {
  repurchase_windows: AdminRepurchaseWindowProposal[]
  count: number
  category_windows: AdminCategoryRepurchaseWindowProposal[]
}

/** `POST /admin/recommendations/repurchase-windows`: product windows, category windows, or both. */
export type AdminRepurchaseWindowsInput = {
  windows?: { product_id: string; repurchase_window_days: number }[]
  category_windows?: { category_id: string; repurchase_window_days: number }[]
}

export type AdminRepurchaseWindowsApplied = {
  repurchase_windows: { product_id: string; from: number | null; repurchase_window_days: number }[]
  category_windows: { category_id: string; from: number | null; repurchase_window_days: number }[]
}
