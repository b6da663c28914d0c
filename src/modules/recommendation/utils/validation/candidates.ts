import { DEFAULT_SCORING, ScoringOptions } from "../scoring"
import { CandidateModel } from "./types"

export const BEST_SELLERS_KEY = "best_sellers"

/** The key of a co-purchase candidate: its grid parameters. */
export function candidateKey(s: ScoringOptions): string {
  return `co_purchase:a${s.alpha}:l${s.later_weight ?? 1}:b${s.popularity_blend}:h${s.half_life_days}`
}

function coPurchase(changes: Partial<ScoringOptions>): CandidateModel {
  const scoring = { ...DEFAULT_SCORING, ...changes }
  const label =
    `co-purchase α ${scoring.alpha}, later ${scoring.later_weight ?? 1}, ` +
    `popularity ${scoring.popularity_blend}, half-life ${scoring.half_life_days} d`
  return { key: candidateKey(scoring), label, scoring }
}

/**
 * The candidates every store is validated on (15): best sellers, and the co-purchase scorer over
 * α (0.15 tuned on giftware, 0.3, 0.5 cosine) x later weight (0 plain co-purchase, 1) x
 * popularity blend (0, 0.5) at a 90-day half-life, plus a 30-day half-life for the default α.
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
]

/** The candidate the engine serves when no validation has run (DEFAULT_SCORING). */
export const ENGINE_DEFAULT: CandidateModel = coPurchase({})
