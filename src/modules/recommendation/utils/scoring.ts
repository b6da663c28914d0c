import { Neighbor } from "./types"

export type ScoringOptions = {
  /** Half-life of a purchase's influence, in days. */
  half_life_days: number
  /**
   * Normalisation exponent: sim(a, b) = (both(a, b) + later(a, b)) / (n(a)^alpha * n(b)^(1 - alpha))
   * (co-purchase), or the seed's exponent in rp3beta (n(a)^alpha, candidate n(b)^beta),
   * where both = customers who bought a and b, later = those of them who came back for b after a.
   * 0.5 is cosine; a higher alpha favours popular candidates less... and vice versa.
   */
  alpha: number
  /** Weight of an anchor (product page / cart item) relative to a purchase made today. */
  anchor_weight: number
  /**
   * Diversity: while the list is filled, each pick multiplies the score of the remaining
   * co-purchase candidates explained by the same seed by this factor (1 = no diversification).
   * Covers more of a customer's interests instead of ten neighbours of one purchase.
   */
  diversity: number
  /** Extra seed weight per repeat order: weight x (1 + repeat_weight x ln(orders)). */
  repeat_weight: number
  /**
   * Store-wide popularity mixed into personalized scores: score = co-purchase / best co-purchase
   * + popularity_blend x buyers / best seller's buyers. 0 keeps popularity a pure fallback.
   */
  popularity_blend: number
  /**
   * Weight of "came back for it later" customers next to "bought both" ones in the similarity
   * numerator (0 = plain co-purchase). Return purchases predict the next order better.
   */
  later_weight?: number
  /**
   * `rp3beta`: the similarity is RP3beta's graph walk product -> customer -> product,
   * weighted(a, b) x (1 + later_weight x later(a, b) / both(a, b)) / (n(a)^alpha x n(b)^beta), where
   * weighted counts each customer who bought both as 1 / the products they bought (a wholesaler's
   * 50-product history says less about any one pair than a 3-product one). Absent: co-purchase.
   */
  model?: "co_purchase" | "rp3beta"
  /** RP3beta's popularity penalty on the candidate (0: none; 1: divide by its buyers). */
  beta?: number
  /**
   * Neighbours read per seed for this model (the top by weight = both + later); absent: the
   * module's `neighbors_per_product`. RP3beta's popularity penalty favours neighbours the
   * weight order puts far down the list, so it may want more than the co-purchase scorer.
   */
  neighbors?: number
  /**
   * How a purchase's seed weight decays: `days` (the default) halves it every `half_life_days`;
   * `orders` halves it every `half_life_orders` of the customer's later purchase days (a customer
   * who orders twice a year forgets as slowly as a weekly one); `none` weighs every purchase alike.
   */
  decay?: "days" | "orders" | "none"
  /** Half-life in the customer's purchase days (decay `orders`). */
  half_life_orders?: number
  /**
   * Blend with RP3beta on the same neighbour rows (co-purchase model only): score = co-purchase
   * score / its best + rp3_blend x RP3beta score / its best, the RP3beta part with seed exponent
   * `rp3_alpha` and popularity penalty `beta`. Absent or 0: plain co-purchase.
   */
  rp3_blend?: number
  /** RP3beta's seed exponent in a blend (`rp3_blend`); absent: 0.5. */
  rp3_alpha?: number
}

/** Tuned on the UCI Online Retail split of docs/recommendations.md. */
export const DEFAULT_SCORING: ScoringOptions = {
  half_life_days: 90,
  alpha: 0.15,
  anchor_weight: 2,
  popularity_blend: 0,
  repeat_weight: 0,
  diversity: 0.8,
  later_weight: 1,
}

/** A seed the scores spread from: a product bought (weighted by recency) or an anchor. */
export type Seed = { product_id: string; weight: number; kind: "purchase" | "anchor" }

export type ScoredCandidate = {
  product_id: string
  score: number
  /** Seeds that contributed most, best first (at most 3). */
  because: { product_id: string; kind: "purchase" | "anchor"; count: number; later: number; contribution: number }[]
}

/** Recency weight of a purchase: 1 today, 1/2 after one half-life. */
export function recencyWeight(lastPurchasedAt: Date, now: Date, halfLifeDays: number): number {
  const ageDays = Math.max(0, (now.getTime() - lastPurchasedAt.getTime()) / 86400000)
  return Math.pow(0.5, ageDays / halfLifeDays)
}

/** Seeds from a purchase history and anchors; anchors and purchases of the same product add up. */
export function buildSeeds(
  history: { product_id: string; last_purchased_at: Date; orders?: number }[],
  anchors: string[],
  now: Date,
  options: ScoringOptions = DEFAULT_SCORING
): Seed[] {
  const decay = options.decay ?? "days"
  // decay by orders: a purchase's age is the number of the customer's purchase days after it
  const later = decay === "orders" ? purchaseDaysAfter(history) : null
  const seeds: Seed[] = history.map((h) => ({
    product_id: h.product_id,
    weight:
      (decay === "none"
        ? 1
        : later
          ? Math.pow(0.5, later(h.last_purchased_at) / (options.half_life_orders ?? 1))
          : recencyWeight(h.last_purchased_at, now, options.half_life_days)) *
      (1 + (options.repeat_weight ?? 0) * Math.log(Math.max(1, h.orders ?? 1))),
    kind: "purchase" as const,
  }))
  for (const a of new Set(anchors)) {
    seeds.push({ product_id: a, weight: options.anchor_weight, kind: "anchor" })
  }
  return seeds
}

/**
 * For each date of a history, how many distinct purchase days (UTC) of the history come after it:
 * 0 for the latest purchase day.
 */
function purchaseDaysAfter(history: { last_purchased_at: Date }[]): (at: Date) => number {
  const day = (d: Date) => Math.floor(d.getTime() / 86400000)
  const days = [...new Set(history.map((h) => day(h.last_purchased_at)))].sort((a, b) => b - a)
  const rank = new Map(days.map((d, i) => [d, i]))
  return (at) => rank.get(day(at)) ?? 0
}

/**
 * Item-to-item scoring: every neighbour of every seed gets seed weight x normalised co-purchase
 * similarity. Pure; deterministic order (score desc, then product id).
 */
export function scoreCandidates(
  seeds: Seed[],
  neighbors: Map<string, Neighbor[]>,
  itemCounts: Map<string, number>,
  options: ScoringOptions = DEFAULT_SCORING
): ScoredCandidate[] {
  if (options.model !== "rp3beta" && (options.rp3_blend ?? 0) > 0) {
    return blendScores(
      scoreSimilarities(seeds, neighbors, itemCounts, { ...options, model: "co_purchase" }),
      scoreSimilarities(seeds, neighbors, itemCounts, {
        ...options,
        model: "rp3beta",
        alpha: options.rp3_alpha ?? 0.5,
      }),
      options.rp3_blend!
    )
  }
  return scoreSimilarities(seeds, neighbors, itemCounts, options)
}

/**
 * a / its best + weight x b / its best per candidate; each candidate's reasons are its seeds'
 * contributions on the same scale, added per seed (top 3). Deterministic order as `scoreCandidates`.
 */
export function blendScores(a: ScoredCandidate[], b: ScoredCandidate[], weight: number): ScoredCandidate[] {
  const scaleA = 1 / (a[0]?.score || 1)
  const scaleB = weight / (b[0]?.score || 1)
  const acc = new Map<string, ScoredCandidate>()
  for (const [list, scale] of [
    [a, scaleA],
    [b, scaleB],
  ] as const) {
    for (const c of list) {
      let out = acc.get(c.product_id)
      if (!out) {
        out = { product_id: c.product_id, score: 0, because: [] }
        acc.set(c.product_id, out)
      }
      out.score += c.score * scale
      for (const why of c.because) {
        const same = out.because.find((x) => x.product_id === why.product_id && x.kind === why.kind)
        if (same) {
          same.contribution += why.contribution * scale
        } else {
          out.because.push({ ...why, contribution: why.contribution * scale })
        }
      }
    }
  }
  const out = [...acc.values()]
  for (const c of out) {
    c.because.sort((x, y) => y.contribution - x.contribution)
    c.because.length = Math.min(c.because.length, 3)
  }
  out.sort((x, y) => y.score - x.score || (x.product_id < y.product_id ? -1 : 1))
  return out
}

function scoreSimilarities(
  seeds: Seed[],
  neighbors: Map<string, Neighbor[]>,
  itemCounts: Map<string, number>,
  options: ScoringOptions
): ScoredCandidate[] {
  const acc = new Map<string, ScoredCandidate>()
  for (const seed of seeds) {
    const list = neighbors.get(seed.product_id)
    if (!list?.length) {
      continue
    }
    const nSeed = itemCounts.get(seed.product_id) ?? 0
    if (nSeed <= 0) {
      continue
    }
    const rp3 = options.model === "rp3beta"
    const seedNorm = Math.pow(nSeed, options.alpha)
    const candExp = rp3 ? (options.beta ?? 0.5) : 1 - options.alpha
    const laterWeight = options.later_weight ?? 1
    for (const nb of list) {
      const nCand = Math.max(itemCounts.get(nb.product_id) ?? nb.count, nb.count)
      const evidence = rp3
        ? (nb.weighted ?? 0) * (1 + (laterWeight * (nb.later ?? 0)) / nb.count)
        : nb.count + laterWeight * (nb.later ?? 0)
      const sim = evidence / (seedNorm * Math.pow(nCand, candExp))
      const contribution = seed.weight * sim
      let c = acc.get(nb.product_id)
      if (!c) {
        c = { product_id: nb.product_id, score: 0, because: [] }
        acc.set(nb.product_id, c)
      }
      c.score += contribution
      // the top 3 contributions, best first (ties: the earlier seed first); no allocation otherwise
      const because = c.because
      if (because.length < 3 || contribution > because[because.length - 1].contribution) {
        let at = because.length
        while (at > 0 && because[at - 1].contribution < contribution) {
          at--
        }
        because.splice(at, 0, {
          product_id: seed.product_id,
          kind: seed.kind,
          count: nb.count,
          later: nb.later ?? 0,
          contribution,
        })
        if (because.length > 3) {
          because.length = 3
        }
      }
    }
  }
  const out = [...acc.values()]
  out.sort((x, y) => y.score - x.score || (x.product_id < y.product_id ? -1 : 1))
  return out
}
