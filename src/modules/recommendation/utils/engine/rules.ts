import { EngineRule, ProductFacts, RecommendedItem } from "../types"
import { EngineInput, Working } from "./types"

/**
 * Rules that apply to this request. Each rule follows its own objective's experiment: a customer in
 * that objective's holdout never gets it. A segment rule needs the customer in the segment; one
 * with no objective follows the engine's group (`personalized`).
 */
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
    if (!segments.has(r.segment_id)) {
      return false
    }
    return r.objective_id ? true : input.personalized
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

/**
 * Applies the matching rules to one candidate (boost, bury, pin change its score or pin weight and
 * are traced; exclude removes it). Returns the rule that excludes it, or null when it is kept.
 */
export function applyRules(w: Working, rules: EngineRule[], facts: ProductFacts | undefined): EngineRule | null {
  for (const rule of rules) {
    if (!ruleMatches(rule, w.product_id, facts)) {
      continue
    }
    switch (rule.action) {
      case "exclude":
        return rule
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
  return null
}

/** The rules traced on the listed items (`trace.rule_id`), in rule order, as a list's `rules_applied`. */
export function appliedRules(
  items: Pick<RecommendedItem, "trace">[],
  rules: EngineRule[]
): { id: string; version: number; action: string }[] {
  const ids = new Set(items.map((i) => i.trace.rule_id).filter(Boolean))
  return rules.filter((r) => ids.has(r.id)).map((r) => ({ id: r.id, version: r.version, action: r.action }))
}
