/**
 * The blocking map as data: which customer-level gap leaves a segment attribute (fact) without a
 * value, and what an objective metric needs from the data. Pure: no database here.
 */

/** A customer-level gap the audit measures for every customer. */
export type CustomerGap = "missing_email" | "missing_name" | "missing_phone" | "missing_address" | "no_orders"

export const CUSTOMER_GAPS: CustomerGap[] = [
  "missing_email",
  "missing_name",
  "missing_phone",
  "missing_address",
  "no_orders",
]

/**
 * The segment module's attributes (src/modules/segment/utils/attributes.ts) and the gap that
 * leaves each without a value. null: always has a value (counts and sums are 0, not missing).
 */
export const SEGMENT_ATTRIBUTE_GAPS: Record<string, CustomerGap | null> = {
  order_count: null,
  total_spent: null,
  average_order_value: "no_orders",
  first_order_date: "no_orders",
  last_order_date: "no_orders",
  days_since_last_order: "no_orders",
  products_purchased: "no_orders",
  categories_purchased: "no_orders",
  collections_purchased: "no_orders",
  tags_purchased: "no_orders",
  rfm_group: "no_orders",
  has_account: null,
  email_domain: "missing_email",
  customer_group: null,
  created_at: null,
  address_country: "missing_address",
}

/**
 * For other fact names: patterns, first match wins. Facts derived from orders (recency, AOV, categories
 * bought...) have no value for a customer without orders. Counts and sums (order_count,
 * total_spent) are 0 rather than missing, so they are not listed.
 */
export const FACT_GAP_PATTERNS: { pattern: RegExp; gap: CustomerGap | null }[] = [
  { pattern: /(^|[._])(order_count|orders_count|total_spent|spent|revenue|has_account|created_at)$/, gap: null },
  { pattern: /email/, gap: "missing_email" },
  { pattern: /phone/, gap: "missing_phone" },
  { pattern: /(first_name|last_name|^name$|full_name)/, gap: "missing_name" },
  { pattern: /(country|city|postal|province|address|region|zip)/, gap: "missing_address" },
  {
    pattern:
      /(aov|average_order|avg_order|last_order|first_order|recency|days_since|frequency|interval|purchase|bought|product|category|collection|tag|monetary|ltv|lifetime|basket|channel|currency)/,
    gap: "no_orders",
  },
]

export type FactClassification = { fact: string; gap: CustomerGap | null; known: boolean }

/** Which gap leaves `fact` without a value (null = always has a value; known=false = unrecognized). */
export function classifyFact(fact: string): FactClassification {
  const f = fact.toLowerCase()
  if (Object.prototype.hasOwnProperty.call(SEGMENT_ATTRIBUTE_GAPS, f)) {
    return { fact, gap: SEGMENT_ATTRIBUTE_GAPS[f], known: true }
  }
  for (const { pattern, gap } of FACT_GAP_PATTERNS) {
    if (pattern.test(f)) {
      return { fact, gap, known: true }
    }
  }
  return { fact, gap: null, known: false }
}

/**
 * Fact names used in a rule tree, whatever its exact shape: every string under a key named
 * `fact`, `attribute` or `field`, anywhere in the tree. Sorted, without duplicates.
 */
export function extractFacts(rules: unknown): string[] {
  const out = new Set<string>()
  const walk = (node: unknown, depth: number) => {
    if (depth > 50 || node === null || typeof node !== "object") {
      return
    }
    if (Array.isArray(node)) {
      node.forEach((n) => walk(n, depth + 1))
      return
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if ((key === "fact" || key === "attribute" || key === "field") && typeof value === "string") {
        out.add(value)
      } else {
        walk(value, depth + 1)
      }
    }
  }
  walk(rules, 0)
  return [...out].sort()
}

/** One row of the customer gap histogram: a combination of gaps and how many customers have it. */
export type GapCombination = Record<CustomerGap, boolean> & { count: number }

/** Customers that miss at least one of `gaps`, from the gap histogram. */
export function countMissingAny(histogram: GapCombination[], gaps: CustomerGap[]): number {
  if (!gaps.length) {
    return 0
  }
  return histogram.reduce((sum, row) => (gaps.some((g) => row[g]) ? sum + row.count : sum), 0)
}

/** What the data holds, as far as objective metrics are concerned. */
export type MetricEvidence = {
  orders: number
  non_canceled_orders: number
  identified_orders: number
  carts: number | null
  history_days: number
}

export type MetricRequirement = {
  metric: string
  needs: string
  check(e: MetricEvidence): string[]
}

/** What each objective metric needs; `check` returns the reasons it cannot be measured. */
export const METRIC_REQUIREMENTS: Record<string, MetricRequirement> = {
  average_order_value: {
    metric: "average_order_value",
    needs: "non-canceled orders with line prices",
    check: (e) => (e.non_canceled_orders > 0 ? [] : ["no non-canceled orders"]),
  },
  conversion_rate: {
    metric: "conversion_rate",
    needs: "carts or sessions to divide orders by",
    check: (e) => (e.carts && e.carts > 0 ? [] : ["no carts or sessions recorded: only completed orders exist"]),
  },
  repeat_purchase_rate: {
    metric: "repeat_purchase_rate",
    needs: "orders tied to a customer account",
    check: (e) => (e.identified_orders > 0 ? [] : ["no orders are tied to a customer account"]),
  },
  revenue_per_customer: {
    metric: "revenue_per_customer",
    needs: "orders tied to a customer account",
    check: (e) => (e.identified_orders > 0 ? [] : ["no orders are tied to a customer account"]),
  },
  customer_lifetime_value: {
    metric: "customer_lifetime_value",
    needs: "orders tied to customers over at least 180 days",
    check: (e) => [
      ...(e.identified_orders > 0 ? [] : ["no orders are tied to a customer account"]),
      ...(e.history_days >= 180 ? [] : [`order history spans ${e.history_days} days (needs 180)`]),
    ],
  },
}

/** Reasons `metric` cannot be measured from `evidence`; an unknown metric is one reason. */
export function metricBlockers(metric: string, evidence: MetricEvidence): string[] {
  const req = METRIC_REQUIREMENTS[metric]
  if (!req) {
    return [`unknown metric "${metric}": the audit cannot tell what it needs`]
  }
  return req.check(evidence)
}
