import { DEFAULT_SCORING } from "../scoring"
import { FilterCounts, FilterName, RecommendedItem } from "../types"
import { scoredCandidates, workingList } from "./candidates"
import { firstFilter } from "./filters"
import { diversify, round, sortWorking } from "./rank"
import { applicableRules, appliedRules, applyRules } from "./rules"
import { EngineInput, EngineOutput, Working } from "./types"

export * from "./types"
export { candidateIds } from "./candidates"
export { FILTERS } from "./filters"
export { diversify } from "./rank"
export { applicableRules, appliedRules, ruleMatches } from "./rules"

/**
 * Ranks recommendations for one request: co-purchase candidates from history and anchors, rules
 * (each per its own objective's group), then labeled fallbacks; the hard filters (`FILTERS`: anchor,
 * in cart, already bought, unknown, unpublished, wrong sales channel) and duplicates and rule
 * exclusions count what they removed. Pure.
 */
export function recommend(input: EngineInput): EngineOutput {
  const scoring = input.scoring ?? DEFAULT_SCORING
  const scored = scoredCandidates(input)
  const rules = applicableRules(input)
  const filters: FilterCounts = {}
  const context = {
    now: input.now,
    bought: new Map(input.history.map((h) => [h.product_id, h.last_purchased_at])),
    cart: new Set(input.cart_product_ids),
    anchors: new Set(input.anchors),
  }
  const seen = new Set<string>()
  const kept: Working[] = []
  const excludedBy = new Set<string>()
  for (const w of workingList(input, scored, rules)) {
    const facts = input.facts.get(w.product_id)
    let removedBy: FilterName | null = seen.has(w.product_id) ? "duplicate" : firstFilter(w, facts, context)
    if (!removedBy) {
      const excluder = applyRules(w, rules, facts)
      if (excluder) {
        removedBy = "rule_exclude"
        excludedBy.add(excluder.id)
      }
    }
    seen.add(w.product_id)
    if (removedBy) {
      filters[removedBy] = (filters[removedBy] ?? 0) + 1
      continue
    }
    kept.push(w)
  }

  sortWorking(kept)
  diversify(
    kept,
    new Map(scored.map((c) => [c.product_id, c.because[0]?.product_id ?? ""])),
    scoring.diversity,
    input.limit
  )
  const items: RecommendedItem[] = kept.slice(0, input.limit).map((w) => ({
    product_id: w.product_id,
    score: round(w.score),
    reasons: w.reasons,
    trace: {
      source: w.source,
      score: round(w.score),
      fallback: w.source !== "co_purchase" && w.source !== "rule_pin",
      // personal segments reach an item only through a personalized fallback or an applicable rule
      segment_ids: w.segment_ids,
      rule_id: w.rule?.id ?? null,
      rule_version: w.rule?.version ?? null,
      objective_id: w.rule?.objective_id ?? input.objective_id,
      filters,
    },
  }))
  return {
    items,
    filters,
    rules_applied: appliedRules(items, rules),
    exclude_rule_ids: [...excludedBy],
  }
}

/**
 * The rules that acted on a served list: those in the rule reasons of its items (pin, boost,
 * bury), then those that excluded a candidate while it was ranked, each once. Recorded with the
 * serve so that its impressions count for these rules.
 */
export function servedRuleIds(items: Pick<RecommendedItem, "reasons">[], excludeRuleIds: string[]): string[] {
  const ids = new Set<string>()
  for (const item of items) {
    for (const reason of item.reasons) {
      if (reason.type === "rule" && reason.rule_id) {
        ids.add(reason.rule_id)
      }
    }
  }
  for (const id of excludeRuleIds) {
    ids.add(id)
  }
  return [...ids]
}
