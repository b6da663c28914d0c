import { BEST_SELLERS_KEY } from "./candidates"
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
 * The choice rule: the candidate with the best hit rate@k (NDCG@k breaks ties) is served when it
 * is best sellers, or when it is a co-purchase model whose hit rate is strictly above best
 * sellers'. Otherwise best sellers are served. Returns the served candidate and why.
 */
export function chooseModel(
  scores: readonly CandidateScore[],
  weeks: number
): { chosen: CandidateScore; reason: string } {
  const best = scores.find((s) => s.key === BEST_SELLERS_KEY)
  if (!best) {
    throw new Error("the candidates must include best sellers")
  }
  const [winner] = rankScores(scores)
  const period = `the last ${weeks} weeks (${best.customers} customers)`
  if (winner.key !== BEST_SELLERS_KEY && winner.hit_rate > best.hit_rate) {
    return {
      chosen: winner,
      reason:
        `${winner.label} had the best hit rate@10 on ${period}: ` +
        `${pct(winner.hit_rate)} vs ${pct(best.hit_rate)} for best sellers ` +
        `(${(winner.hit_rate / (best.hit_rate || 1)).toFixed(2)}x).`,
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
