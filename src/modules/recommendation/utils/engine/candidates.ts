import { capHistory } from "../co-purchase"
import { buildSeeds, DEFAULT_SCORING, ScoredCandidate, scoreCandidates } from "../scoring"
import { EngineRule } from "../types"
import { applicableRules } from "./rules"
import { EngineInput, Working } from "./types"

/**
 * Co-purchase candidates of the request's seeds (the personalized history and the anchors), best
 * first: the top `max_candidates` products the customer could be shown, i.e. not bought before and
 * not an anchor or in the cart. Products they bought ride along wherever they rank (the
 * `already_bought` filter decides them, with their repurchase windows) but do not use up the
 * budget: a customer with a long history would otherwise see their own purchases crowd out the
 * candidates and get best sellers instead.
 */
export function scoredCandidates(input: Omit<EngineInput, "facts">): ScoredCandidate[] {
  const scoring = input.scoring ?? DEFAULT_SCORING
  const history = input.personalized ? capHistory(input.history, input.max_seeds ?? 200) : []
  const seeds = buildSeeds(history, input.anchors, input.now, scoring)
  const scored = scoreCandidates(seeds, input.neighbors, input.item_counts, scoring)
  const budget = input.max_candidates ?? 500
  const known = new Set([...input.history.map((h) => h.product_id), ...input.anchors, ...input.cart_product_ids])
  let fresh = 0
  let end = 0
  while (end < scored.length && fresh < budget) {
    if (!known.has(scored[end].product_id)) {
      fresh++
    }
    end++
  }
  return scored.slice(0, end)
}

/** Every product the engine may look at for this input: the caller loads facts for exactly these. */
export function candidateIds(input: Omit<EngineInput, "facts">): string[] {
  const ids = new Set(scoredCandidates(input).map((c) => c.product_id))
  for (const rule of applicableRules(input)) {
    if (rule.action === "pin" && rule.target_type === "product") {
      ids.add(rule.target_id)
    }
  }
  for (const fb of input.fallbacks) {
    fb.items.forEach((i) => ids.add(i.product_id))
  }
  return [...ids]
}

/**
 * The working list before filters, in source order: co-purchase candidates (stage 0, with a
 * popularity blend when configured), pinned products of rules, then each fallback list (its own
 * stage, or stage 0 for a blended store list). Duplicates stay: the filters count them.
 */
export function workingList(input: EngineInput, scored: ScoredCandidate[], rules: EngineRule[]): Working[] {
  const scoring = input.scoring ?? DEFAULT_SCORING
  const working: Working[] = []
  const maxScore = scored[0]?.score || 1
  // With a popularity blend, store best sellers compete with co-purchase candidates in stage 0.
  const blend = scored.length ? scoring.popularity_blend : 0
  const storeList = input.fallbacks.find((f) => f.source === "fallback_store")?.items ?? []
  const topSeller = storeList[0]?.count || 1
  const popularity = new Map(blend > 0 ? storeList.map((i) => [i.product_id, (blend * i.count) / topSeller]) : [])
  for (const c of scored) {
    working.push({
      product_id: c.product_id,
      score: c.score / maxScore + (popularity.get(c.product_id) ?? 0),
      stage: 0,
      pinned: 0,
      source: "co_purchase",
      segment_ids: [],
      rule: null,
      reasons: c.because.slice(0, 2).map((b) => ({
        type: "co_purchase" as const,
        product_id: b.product_id,
        message:
          (b.kind === "anchor"
            ? `Often bought with a product you are looking at (${b.count} customers bought both`
            : `Often bought with a product you bought (${b.count} customers bought both`) +
          (b.later > 0 ? `, ${b.later} came back for it later)` : ")"),
      })),
    })
  }
  for (const rule of rules) {
    if (rule.action === "pin" && rule.target_type === "product") {
      working.push({
        product_id: rule.target_id,
        score: 1,
        stage: 0,
        pinned: 0,
        source: "rule_pin",
        segment_ids: rule.segment_id ? [rule.segment_id] : [],
        rule: null,
        reasons: [],
      })
    }
  }
  input.fallbacks.forEach((fb, i) => {
    const top = fb.items[0]?.count || 1
    const blended = blend > 0 && fb.source === "fallback_store"
    for (const it of fb.items) {
      working.push({
        product_id: it.product_id,
        score: blended ? (popularity.get(it.product_id) ?? 0) : it.count / top,
        stage: blended ? 0 : i + 1,
        pinned: 0,
        source: fb.source,
        segment_ids: fb.segment_ids ?? [],
        rule: null,
        reasons: [{ type: "fallback", message: FALLBACK_REASONS[fb.source] }],
      })
    }
  })
  return working
}

const FALLBACK_REASONS: Record<"fallback_segment" | "fallback_category" | "fallback_store", string> = {
  fallback_segment: "Popular with customers like you",
  fallback_category: "Popular in this category",
  fallback_store: "Popular in the store",
}
