import { RecommendationSettings } from "../../types"
import { ScoringOptions } from "../scoring"

/** One counted order line, reduced to what validation needs: who bought what, when. */
export type ValidationPurchase = { customer_id: string; product_id: string; at: Date }

/** The live route's sizes (the module's options): validation ranks exactly as the store does. */
export type EngineSizes = Pick<
  RecommendationSettings,
  "history_cap" | "neighbors_per_product" | "min_support" | "max_seeds" | "max_candidates"
>

/** A model the store may serve: best sellers (`scoring` null) or the co-purchase scorer with these options. */
export type CandidateModel = { key: string; label: string; scoring: ScoringOptions | null }

/** A candidate's quality on one split: mean hit rate@k and NDCG@k over the split's test customers. */
export type CandidateScore = {
  key: string
  label: string
  scoring: ScoringOptions | null
  hit_rate: number
  ndcg: number
  customers: number
  /**
   * Paired comparisons on the same customers against best sellers and the engine's default
   * (`paired.ts`): what the choice was made on. Absent on runs stored before them.
   */
  paired?: PairedSummary[]
}

/** A candidate against another on the same customers: hit-rate difference, its standard error, one-sided p-value. */
export type PairedSummary = { against: string; difference: number; standard_error: number; p_value: number }

/** A candidate's score with each test customer's hit (1 or 0, in the split's customer order). */
export type CandidateOutcome = CandidateScore & { hits: Uint8Array }

/** The temporal split a validation used, and how much data the store has. */
export type Sufficiency = {
  /** Distinct (customer, order time) pairs: orders as far as the lines tell. */
  orders: number
  customers: number
  products: number
  /** Customers with purchases at two or more order times: those who came back (absent on older runs). */
  repeat_customers?: number
  /**
   * Products in the training split, and those with at least one co-purchase neighbour (bought with
   * another product by `min_support` customers or more): the evidence co-purchase models rank from.
   * Absent on older runs and when the data is too little to validate.
   */
  training_products?: number
  paired_products?: number
  /** Weeks at the end of the history the candidates were validated on (null: too little data). */
  validation_weeks: number | null
  /** Start of the validation period, ISO date-time (null: too little data). */
  cut: string | null
  /** Customers who bought both before and during the validation period: the ones scored. */
  test_customers: number
  sufficient: boolean
  /**
   * What the run cost on this store: purchase rows read (customer, product, order time), seconds
   * reading them and seconds validating. Set by the service (absent from the pure validation).
   */
  cost?: { purchases: number; read_seconds: number; validate_seconds: number; validate_cpu_seconds: number }
}

/** What a validation decided: the model served, every candidate's scores, the data, and why. */
export type ValidationOutcome = {
  /** Candidate key served (`best_sellers` or a co-purchase key). */
  chosen: string
  /** Scoring options served; null when best sellers are served. */
  params: ScoringOptions | null
  candidates: CandidateScore[]
  sufficiency: Sufficiency
  reason: string
  /**
   * What the previous rule (the engine's default kept unless beaten at 5%) serves on the same
   * outcomes, for the evaluator's comparison. Not stored.
   */
  previous_rule_chosen?: string
}
