import { DEFAULT_SCORING, ScoringOptions } from "../scoring"
import { CandidateModel } from "./types"

export const BEST_SELLERS_KEY = "best_sellers"

/** The key of a co-purchase or RP3beta candidate: its grid parameters (`:n` only when it sets its neighbour count). */
export function candidateKey(s: ScoringOptions): string {
  const n = s.neighbors === undefined ? "" : `:n${s.neighbors}`
  const decay =
    s.decay === "none" ? ":h-" : s.decay === "orders" ? `:o${s.half_life_orders ?? 1}` : `:h${s.half_life_days}`
  if (s.model === "rp3beta") {
    return `rp3beta:a${s.alpha}:b${s.beta ?? 0.5}:l${s.later_weight ?? 1}:d${s.diversity}${decay}${n}`
  }
  const blend = s.rp3_blend ? `:r${s.rp3_blend}:ra${s.rp3_alpha ?? 0.5}:rb${s.beta ?? 0.5}` : ""
  return `co_purchase:a${s.alpha}:l${s.later_weight ?? 1}:b${s.popularity_blend}${decay}${blend}${n}`
}

/** A label's words for how a candidate's seeds decay. */
function decayLabel(s: ScoringOptions): string {
  if (s.decay === "none") {
    return "no recency decay"
  }
  if (s.decay === "orders") {
    return `half-life ${s.half_life_orders ?? 1} purchase days`
  }
  return `half-life ${s.half_life_days} d`
}

/** A co-purchase candidate: the engine default's scoring with `changes`, keyed and labelled. */
export function coPurchase(changes: Partial<ScoringOptions>): CandidateModel {
  const scoring = { ...DEFAULT_SCORING, ...changes }
  const label =
    `co-purchase α ${scoring.alpha}, later ${scoring.later_weight ?? 1}, ` +
    `popularity ${scoring.popularity_blend}, ${decayLabel(scoring)}` +
    (scoring.rp3_blend
      ? ` + ${scoring.rp3_blend} x RP3beta (α ${scoring.rp3_alpha ?? 0.5}, β ${scoring.beta ?? 0.5})`
      : "")
  return { key: candidateKey(scoring), label, scoring }
}

/** An RP3beta candidate (β 0.5 unless changed), keyed and labelled. */
export function rp3beta(changes: Partial<ScoringOptions>): CandidateModel {
  const scoring: ScoringOptions = { ...DEFAULT_SCORING, model: "rp3beta", beta: 0.5, ...changes }
  const label =
    `RP3beta α ${scoring.alpha}, β ${scoring.beta}, later ${scoring.later_weight ?? 1}, ` +
    `diversity ${scoring.diversity}, ${decayLabel(scoring)}`
  return { key: candidateKey(scoring), label, scoring }
}

/**
 * The candidates every store is validated on (25): best sellers; the co-purchase scorer over
 * α (0.15 tuned on giftware, 0.3, 0.5 cosine) x later weight (0 plain co-purchase, 1) x
 * popularity blend (0, 0.5) at a 90-day half-life, plus a 30-day half-life for the default α;
 * RP3beta (customer-degree-weighted co-purchases) over seed exponent α (0.15, 0.5) x popularity
 * penalty β (0.5, 0.7) x diversity (0.8, 1); RP3beta α 0.5, β 0.5, diversity 1 with seeds decaying
 * by the customer's purchase days (half-life 5) instead of calendar days; and the default
 * co-purchase scorer blended with half its weight of RP3beta α 0.5, β 0.5 (same neighbour rows).
 */
export const CANDIDATES: readonly CandidateModel[] = [
  { key: BEST_SELLERS_KEY, label: "best sellers", scoring: null },
  ...[0.15, 0.3, 0.5].flatMap((alpha) =>
    [1, 0].flatMap((later_weight) =>
      [0, 0.5].map((popularity_blend) => coPurchase({ alpha, later_weight, popularity_blend }))
    )
  ),
  coPurchase({ half_life_days: 30 }),
  coPurchase({ half_life_days: 30, popularity_blend: 0.5 }),
  ...[0.15, 0.5].flatMap((alpha) =>
    [0.5, 0.7].flatMap((beta) => [0.8, 1].map((diversity) => rp3beta({ alpha, beta, diversity })))
  ),
  rp3beta({ alpha: 0.5, beta: 0.5, diversity: 1, decay: "orders", half_life_orders: 5 }),
  coPurchase({ rp3_blend: 0.5, rp3_alpha: 0.5, beta: 0.5 }),
]

/** The candidate the engine serves when no validation has run (DEFAULT_SCORING). */
export const ENGINE_DEFAULT: CandidateModel = coPurchase({})
