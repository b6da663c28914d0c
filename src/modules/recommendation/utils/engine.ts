import { capHistory } from "./co-purchase"
import { scoreCandidates, buildSeeds, DEFAULT_SCORING, ScoringOptions } from "./scoring"
import {
  EngineRule,
  FilterCounts,
  FilterName,
  Neighbor,
  ProductFacts,
  PurchaseHistoryItem,
  Reason,
  RecommendationSource,
  RecommendedItem,
} from "./types"

export type FallbackList = {
  source: "fallback_segment" | "fallback_category" | "fallback_store"
  /** Ranked best first, with the count that ranked them (customers who bought). */
  items: { product_id: string; count: number }[]
  /** Segments the list was computed for (fallback_segment only). */
  segment_ids?: string[]
}

export type EngineInput = {
  limit: number
  now: Date
  /** false for anonymous visitors and holdout customers: no history, no segments. */
  personalized: boolean
  segment_ids: string[]
  history: PurchaseHistoryItem[]
  /** Product page product and cart items: seeds for item-to-item and never recommended themselves. */
  anchors: string[]
  cart_product_ids: string[]
  neighbors: Map<string, Neighbor[]>
  item_counts: Map<string, number>
  /** Facts for every candidate; a candidate without facts is removed as unknown. */
  facts: Map<string, ProductFacts>
  rules: EngineRule[]
  fallbacks: FallbackList[]
  objective_id: string | null
  /** Objectives the customer is in the holdout of: their rules are not applied. */
  holdout_objective_ids?: string[]
  /** Most recent purchases used as seeds (all purchases still feed the already-bought filter). */
  max_seeds?: number
  /** Maximum co-purchase candidates examined (the caller loads facts for these). */
  max_candidates?: number
  scoring?: ScoringOptions
}

export type EngineOutput = {
  items: RecommendedItem[]
  filters: FilterCounts
  rules_applied: { id: string; version: number; action: string }[]
}

export type Working = {
  product_id: string
  score: number
  stage: number
  pinned: number
  source: RecommendationSource
  reasons: Reason[]
  segment_ids: string[]
  rule: EngineRule | null
}

/** Rules that apply to this request: segment matches (or none) and the customer is not in the rule objective's holdout. */
export function applicableRules(
  input: Pick<EngineInput, "rules" | "segment_ids" | "personalized" | "holdout_objective_ids">
): EngineRule[] {
  const segments = new Set(input.segment_ids)
  const holdout = new Set(input.holdout_objective_ids ?? [])
  return input.rules.filter((r) => {
    if (r.objective_id && holdout.has(r.objective_id)) {
      return false
    }
    if (r.segment_id === null) {
      return true
    }
    return input.personalized && segments.has(r.segment_id)
  })
}

/** Does a rule's target match this product? */
export function ruleMatches(rule: EngineRule, productId: string, facts: ProductFacts | undefined): boolean {
  switch (rule.target_type) {
    case "product":
      return rule.target_id === productId
    case "category":
      return !!facts?.category_ids?.includes(rule.target_id)
    case "collection":
      return !!facts && facts.collection_id === rule.target_id
    case "tag":
      return !!facts?.tag_ids?.includes(rule.target_id)
    default: {
      const never: never = rule.target_type
      return never
    }
  }
}

/** Every product the engine may look at for this input: the caller loads facts for exactly these. */
export function candidateIds(input: Omit<EngineInput, "facts">): string[] {
  const scoring = input.scoring ?? DEFAULT_SCORING
  const history = input.personalized ? capHistory(input.history, input.max_seeds ?? 200) : []
  const seeds = buildSeeds(history, input.anchors, input.now, scoring)
  const ids = new Set(
    scoreCandidates(seeds, input.neighbors, input.item_counts, scoring)
      .slice(0, input.max_candidates ?? 500)
      .map((c) => c.product_id)
  )
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
 * Ranks recommendations for one request: co-purchase candidates from history and anchors, segment
 * rules, then labeled fallbacks; hard filters (already bought, in cart, unpublished, wrong sales
 * channel, duplicates) count what they removed. Pure.
 */
export function recommend(input: EngineInput): EngineOutput {
  const scoring = input.scoring ?? DEFAULT_SCORING
  const history = input.personalized ? capHistory(input.history, input.max_seeds ?? 200) : []
  const seeds = buildSeeds(history, input.anchors, input.now, scoring)
  const scored = scoreCandidates(seeds, input.neighbors, input.item_counts, scoring).slice(
    0,
    input.max_candidates ?? 500
  )
  const rules = applicableRules(input)
  const filters: FilterCounts = {}
  const removed = (name: FilterName) => {
    filters[name] = (filters[name] ?? 0) + 1
  }

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
        reasons: [
          {
            type: "fallback",
            message:
              fb.source === "fallback_segment"
                ? "Popular with customers like you"
                : fb.source === "fallback_category"
                  ? "Popular in this category"
                  : "Popular in the store",
          },
        ],
      })
    }
  })

  const bought = new Map(input.history.map((h) => [h.product_id, h.last_purchased_at]))
  const cart = new Set(input.cart_product_ids)
  const anchors = new Set(input.anchors)
  const seen = new Set<string>()
  const kept: Working[] = []
  for (const w of working) {
    if (seen.has(w.product_id)) {
      removed("duplicate")
      continue
    }
    seen.add(w.product_id)
    const facts = input.facts.get(w.product_id)
    const boughtAt = bought.get(w.product_id)
    if (anchors.has(w.product_id) && !cart.has(w.product_id)) {
      removed("anchor")
      continue
    }
    if (cart.has(w.product_id)) {
      removed("in_cart")
      continue
    }
    if (boughtAt) {
      const windowDays = facts?.repurchase_window_days
      const age = (input.now.getTime() - boughtAt.getTime()) / 86400000
      if (windowDays === null || windowDays === undefined || age < windowDays) {
        removed("already_bought")
        continue
      }
    }
    if (!facts) {
      removed("unknown_product")
      continue
    }
    if (!facts.published) {
      removed("unpublished")
      continue
    }
    if (!facts.in_sales_channel) {
      removed("wrong_sales_channel")
      continue
    }
    let excluded = false
    for (const rule of rules) {
      if (!ruleMatches(rule, w.product_id, facts)) {
        continue
      }
      switch (rule.action) {
        case "exclude":
          excluded = true
          break
        case "boost":
          w.score *= 1 + Math.max(0, rule.weight)
          break
        case "bury":
          w.score /= 1 + Math.max(0, rule.weight)
          break
        case "pin":
          w.pinned = Math.max(w.pinned, 1 + Math.max(0, rule.weight))
          break
      }
      if (rule.action !== "exclude") {
        w.rule = rule
        if (rule.segment_id && !w.segment_ids.includes(rule.segment_id)) {
          w.segment_ids = [...w.segment_ids, rule.segment_id]
        }
        w.reasons.push({
          type: "rule",
          rule_id: rule.id,
          message: `${rule.action} rule (${rule.target_type} ${rule.target_id}, v${rule.version})`,
        })
      }
      if (excluded) {
        break
      }
    }
    if (excluded) {
      removed("rule_exclude")
      continue
    }
    kept.push(w)
  }

  kept.sort(
    (a, b) =>
      b.pinned - a.pinned ||
      a.stage - b.stage ||
      b.score - a.score ||
      (a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0)
  )
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
      segment_ids: input.personalized ? w.segment_ids : [],
      rule_id: w.rule?.id ?? null,
      rule_version: w.rule?.version ?? null,
      objective_id: w.rule?.objective_id ?? input.objective_id,
      filters,
    },
  }))
  const appliedIds = new Set(items.map((i) => i.trace.rule_id).filter(Boolean))
  return {
    items,
    filters,
    rules_applied: rules
      .filter((r) => appliedIds.has(r.id))
      .map((r) => ({ id: r.id, version: r.version, action: r.action })),
  }
}

/**
 * Greedy re-ranking of the unpinned co-purchase block (in place): each pick multiplies the
 * effective score of remaining candidates whose main seed is the same by `factor`.
 */
export function diversify(list: Working[], mainSeed: Map<string, string>, factor: number, limit: number): void {
  if (factor >= 1) {
    return
  }
  const start = list.findIndex((w) => w.pinned === 0 && w.source === "co_purchase")
  if (start < 0) {
    return
  }
  let end = start
  while (end < list.length && list[end].pinned === 0 && list[end].source === "co_purchase") {
    end++
  }
  const pool = list.slice(start, end)
  const used = new Map<string, number>()
  const effective = (w: Working) => w.score * Math.pow(factor, used.get(mainSeed.get(w.product_id) ?? "") ?? 0)
  const picked: Working[] = []
  while (pool.length && picked.length < limit) {
    let best = 0
    for (let i = 1; i < pool.length; i++) {
      if (effective(pool[i]) > effective(pool[best])) {
        best = i
      }
    }
    const [w] = pool.splice(best, 1)
    const seed = mainSeed.get(w.product_id) ?? ""
    used.set(seed, (used.get(seed) ?? 0) + 1)
    picked.push(w)
  }
  list.splice(start, end - start, ...picked, ...pool)
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6
}
