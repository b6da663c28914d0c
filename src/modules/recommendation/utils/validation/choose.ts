import { BEST_SELLERS_KEY, ENGINE_DEFAULT } from "./candidates"
import { CandidateScore } from "./types"

const pct = (x: number) => `${(x * 100).toFixed(2)}%`

/** Best first: hit rate@k, then NDCG@k, then the list order (best sellers first among equals). */
export function rankScores(scores: readonly CandidateScore[]): CandidateScore[] {
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.hit_rate - a.s.hit_rate || b.s.ndcg - a.s.ndcg || a.i - b.i)
    .map(({ s }) => s)
}

/**
 * How far apart two hit rates on `customers` customers may be by chance: two standard errors of a
 * proportion at its widest (p = 0.5), 1 / sqrt(n): 3.2 points for 1,000 customers.
 */
export function noiseMargin(customers: number): number {
  return customers > 0 ? 1 / Math.sqrt(customers) : 1
}

/**
 * The choice rule. The candidate with the best hit rate@k (NDCG@k breaks ties) wins; best sellers
 * are served unless a co-purchase model's hit rate is strictly above theirs. Among co-purchase
 * models the engine's default is kept when it also beats best sellers and is within the noise
 * margin of the winner: on UCI Online Retail the runner-up grid points differ from the default by
 * less than the noise of a 1,000-customer validation, and switching on noise lost up to 3 points
 * (docs/recommendations.md). Returns the served candidate and why.
 */
export function chooseModel(
  scores: readonly CandidateScore[],
  weeks: number,
  defaultKey: string = ENGINE_DEFAULT.key
): { chosen: CandidateScore; reason: string } {
  const best = scores.find((s) => s.key === BEST_SELLERS_KEY)
  if (!best) {
    throw new Error("the candidates must include best sellers")
  }
  const [winner] = rankScores(scores)
  const period = `the last ${weeks} weeks (${best.customers} customers)`
  const vsBest = (s: CandidateScore) =>
    `${pct(s.hit_rate)} vs ${pct(best.hit_rate)} for best sellers (${(s.hit_rate / (best.hit_rate || 1)).toFixed(2)}x)`
  if (winner.key !== BEST_SELLERS_KEY && winner.hit_rate > best.hit_rate) {
    const fallback = scores.find((s) => s.key === defaultKey)
    const margin = noiseMargin(best.customers)
    if (
      fallback &&
      fallback.key !== winner.key &&
      fallback.hit_rate > best.hit_rate &&
      winner.hit_rate - fallback.hit_rate <= margin
    ) {
      return {
        chosen: fallback,
        reason:
          `${fallback.label} (the engine's default) is served: ${vsBest(fallback)} on ${period}. ` +
          `The best, ${winner.label} (${pct(winner.hit_rate)}), is within the noise of this validation ` +
          `(${pct(margin)}).`,
      }
    }
    return {
      chosen: winner,
      reason: `${winner.label} had the best hit rate@10 on ${period}: ${vsBest(winner)}.`,
    }
  }
  const challenger = rankScores(scores.filter((s) => s.key !== BEST_SELLERS_KEY))[0]
  return {
    chosen: best,
    reason:
      `No co-purchase model beat best sellers on ${period}: best sellers ${pct(best.hit_rate)}` +
      (challenger ? `, the best co-purchase model (${challenger.label}) ${pct(challenger.hit_rate)}` : "") +
      ". Best sellers are served.",
  }
}
