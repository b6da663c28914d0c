import { BEST_SELLERS_KEY, ENGINE_DEFAULT } from "./candidates"
import { comparePaired, PAIRED_ALPHA } from "./paired"
import { CandidateOutcome, CandidateScore, PairedSummary } from "./types"

const pct = (x: number) => `${(x * 100).toFixed(2)}%`
const points = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(2)} points`

/** Best first: hit rate@k, then NDCG@k, then the list order (best sellers first among equals). */
export function rankScores<T extends CandidateScore>(scores: readonly T[]): T[] {
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.hit_rate - a.s.hit_rate || b.s.ndcg - a.s.ndcg || a.i - b.i)
    .map(({ s }) => s)
}

function summary(a: CandidateOutcome, b: CandidateOutcome): PairedSummary {
  const c = comparePaired(a.hits, b.hits)
  return { against: b.key, difference: c.difference, standard_error: c.standard_error, p_value: c.p_value }
}

const withoutHits = ({ hits: _hits, ...score }: CandidateOutcome): CandidateScore => score

export type ChoiceOptions = {
  /** The engine's default (`ENGINE_DEFAULT`): every candidate's paired comparison with it is stored. */
  default_key?: string
  /** Significance level of the paired tests (`PAIRED_ALPHA`, 5%). */
  alpha?: number
  /**
   * The previous rule (until 1 Dec 2026): keep the default when it is eligible and the winner is not
   * significantly better than it. Kept callable so `eval:recommendations` and `eval:choice` show it.
   */
  keep_default?: boolean
}

/**
 * The choice rule, on paired differences: every candidate is compared with best sellers and with
 * the engine's default on the same validation customers (`comparePaired`: exact one-sided McNemar
 * test on the customers where the two disagree, at `alpha` = 5%).
 *
 * - A model may be served only if it hits significantly more customers than best sellers; when
 *   none does, best sellers are served (also when a model is ahead by chance).
 * - Among those, the best hit rate@k wins (NDCG@k breaks ties). The engine's default has no
 *   privilege: on the development cuts of `npm run eval:choice` (UCI Online Retail at the seven
 *   monthly cuts other than the three issue 11 judges), keeping it unless beaten at 5% served a
 *   model 0.70 and 0.97 points worse on the test at the two cuts where the rules differ, and never
 *   a better one (docs/recommendations.md, "Choosing the rule on other cuts").
 *
 * Returns the served candidate, every candidate's score with its paired comparisons, and why.
 */
export function chooseModel(
  outcomes: readonly CandidateOutcome[],
  weeks: number,
  { default_key: defaultKey = ENGINE_DEFAULT.key, alpha = PAIRED_ALPHA, keep_default = false }: ChoiceOptions = {}
): { chosen: CandidateScore; candidates: CandidateScore[]; reason: string } {
  const best = outcomes.find((s) => s.key === BEST_SELLERS_KEY)
  if (!best) {
    throw new Error("the candidates must include best sellers")
  }
  const dflt = outcomes.find((s) => s.key === defaultKey)
  const candidates = outcomes.map((o) => ({
    ...withoutHits(o),
    paired: o === best ? [] : [best, ...(dflt && dflt !== o ? [dflt] : [])].map((other) => summary(o, other)),
  }))
  const byKey = new Map(candidates.map((c) => [c.key, c]))
  const versus = (s: CandidateScore, against: string) => s.paired?.find((p) => p.against === against)
  const period = `the last ${weeks} weeks (${best.customers} customers)`
  const vsBest = (s: CandidateScore) => {
    const p = versus(s, BEST_SELLERS_KEY)!
    return (
      `${pct(s.hit_rate)} vs ${pct(best.hit_rate)} for best sellers (${(s.hit_rate / (best.hit_rate || 1)).toFixed(2)}x; ` +
      `paired ${points(p.difference)}, p = ${p.p_value.toPrecision(2)})`
    )
  }
  const eligible = rankScores(
    candidates.filter((c) => c.key !== BEST_SELLERS_KEY && versus(c, BEST_SELLERS_KEY)!.p_value < alpha)
  ).filter((c) => c.hit_rate > best.hit_rate)
  const [winner] = eligible
  if (!winner) {
    const [challenger] = rankScores(candidates.filter((s) => s.key !== BEST_SELLERS_KEY))
    const chance =
      challenger && challenger.hit_rate > best.hit_rate ? " (ahead by chance: not significant at 5%, paired)" : ""
    return {
      chosen: byKey.get(BEST_SELLERS_KEY)!,
      candidates,
      reason:
        `No co-purchase model beat best sellers on ${period}: best sellers ${pct(best.hit_rate)}` +
        (challenger ? `, the best co-purchase model (${challenger.label}) ${pct(challenger.hit_rate)}${chance}` : "") +
        ". Best sellers are served.",
    }
  }
  const fallback = keep_default && dflt ? eligible.find((c) => c.key === dflt.key) : undefined
  if (fallback && fallback !== winner) {
    const p = versus(winner, fallback.key)!
    if (!(p.p_value < alpha)) {
      return {
        chosen: fallback,
        candidates,
        reason:
          `${fallback.label} (the engine's default) is served: ${vsBest(fallback)} on ${period}. ` +
          `The best, ${winner.label} (${pct(winner.hit_rate)}), is not significantly better than the default ` +
          `(paired ${points(p.difference)}, p = ${p.p_value.toPrecision(2)}).`,
      }
    }
  }
  return {
    chosen: winner,
    candidates,
    reason:
      `${winner.label} had the best hit rate@10 on ${period}: ${vsBest(winner)}` +
      (dflt && dflt.key !== winner.key
        ? `; the engine's default ${pct(dflt.hit_rate)} (paired ${points(versus(winner, dflt.key)!.difference)} ` +
          `for the winner, p = ${versus(winner, dflt.key)!.p_value.toPrecision(2)}).`
        : "."),
  }
}
