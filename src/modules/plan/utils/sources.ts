import { classifyFact } from "../../data_audit/utils/readiness"
import { STRATEGY_NEEDS } from "../../data_audit/checks/shared"
import type { AdminRequirement, RequirementTargetType } from "../../../types/plan"

/**
 * The data map's vocabulary: the places Medusa keeps customer and product data (detected), and
 * what each segment attribute, objective metric and recommendation strategy needs from them.
 * Pure data; the detection SQL is in ../repositories/sources.ts.
 */
export const MEDUSA_SOURCE_KEYS = ["customers", "orders", "products", "categories", "carts", "events"] as const
export type MedusaSourceKey = (typeof MEDUSA_SOURCE_KEYS)[number]

export const MEDUSA_SOURCE_LABELS: Record<MedusaSourceKey, string> = {
  customers: "Customers",
  orders: "Orders",
  products: "Products",
  categories: "Product categories",
  carts: "Carts",
  events: "Recommendation events (this plugin)",
}

/** The id a requirement link uses for a detected Medusa source: `medusa:orders`. */
export const medusaSourceId = (key: MedusaSourceKey) => `medusa:${key}`

export function isMedusaSourceId(id: string): boolean {
  return MEDUSA_SOURCE_KEYS.some((k) => medusaSourceId(k) === id)
}

/** Order-derived attributes that also read the catalog. */
const CATALOG_FACTS: Record<string, MedusaSourceKey[]> = {
  products_purchased: ["products"],
  categories_purchased: ["products", "categories"],
  collections_purchased: ["products"],
  tags_purchased: ["products"],
}

/**
 * The Medusa sources a segment attribute reads. It follows the audit's one classification of
 * facts (data_audit/utils/readiness): a fact with no value for a customer without orders is
 * order-derived; email, name, phone and address facts live on customers.
 */
export function sourcesForFact(fact: string): MedusaSourceKey[] {
  const f = fact.toLowerCase()
  const { gap } = classifyFact(f)
  if (/^(order_count|total_spent)$|(^|[._])(orders_count|spent|revenue)$/.test(f) || gap === "no_orders") {
    return ["orders", ...(CATALOG_FACTS[f] ?? [])]
  }
  return ["customers"]
}

/** What each objective metric is measured from (see the objective module's metric SQL). */
export const METRIC_SOURCES: Record<string, MedusaSourceKey[]> = {
  conversion_rate: ["customers", "orders", "carts"],
  average_order_value: ["orders"],
  repeat_purchase_rate: ["customers", "orders"],
  revenue_per_customer: ["customers", "orders"],
  customer_lifetime_value: ["customers", "orders"],
}

/** What each recommendation strategy reads (the audit's STRATEGY_NEEDS names the product gap). */
export const STRATEGY_SOURCES: Record<keyof typeof STRATEGY_NEEDS, MedusaSourceKey[]> = {
  co_purchase: ["orders", "products"],
  fallback_store: ["orders", "products"],
  fallback_category: ["products", "categories"],
  rule_collection: ["products"],
  rule_tag: ["products"],
}

export const STRATEGIES = Object.keys(STRATEGY_SOURCES) as (keyof typeof STRATEGY_SOURCES)[]

const LINK_TYPE_ORDER: Record<string, number> = { segment: 0, recommendation_rule: 1, data_source: 2 }

/**
 * The one order of a requirement's links, wherever they are shown: segments, then rules, then data
 * sources, each by id (links written together share a creation time, so it cannot be that).
 */
export function sortLinks<L extends { target_type: string; target_id: string }>(links: readonly L[]): L[] {
  return [...links].sort(
    (a, b) =>
      (LINK_TYPE_ORDER[a.target_type] ?? 9) - (LINK_TYPE_ORDER[b.target_type] ?? 9) ||
      (a.target_id < b.target_id ? -1 : a.target_id > b.target_id ? 1 : 0)
  )
}

/** A requirement's own fields, as the plan and the API show them. */
type RequirementFields = Omit<AdminRequirement, "links" | "created_at" | "updated_at">

export type RequirementView = RequirementFields & {
  links: { target_type: RequirementTargetType; target_id: string }[]
}

/**
 * The one view of a requirement with its links (in `sortLinks` order, without link ids), shared by
 * the requirements API and the plan's context.
 */
export function requirementView(
  r: RequirementFields & { links?: readonly { target_type: string; target_id: string }[] | null }
): RequirementView {
  return {
    id: r.id,
    role: r.role,
    statement: r.statement,
    acceptance_criterion: r.acceptance_criterion,
    priority: r.priority,
    owner: r.owner,
    objective_id: r.objective_id,
    links: sortLinks(r.links ?? []).map((l) => ({
      target_type: l.target_type as RequirementTargetType,
      target_id: l.target_id,
    })),
  }
}
