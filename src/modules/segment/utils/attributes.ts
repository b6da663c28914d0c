/**
 * The attributes a segment condition can use. Each states its value type and
 * where the fact comes from. Money is in the segment's currency, from Medusa's
 * order tables: non-canceled, non-deleted, non-draft orders; an order's total is
 * sum(quantity * unit_price) of its items at the order's current version.
 */
export type ValueType = "number" | "date" | "string" | "boolean" | "string_set" | "purchase"

export type AttributeKind = "order" | "purchase" | "customer" | "rfm"

export type AttributeDef = {
  type: ValueType
  kind: AttributeKind
  /** Accepts `window_days`. */
  windowable: boolean
  /** Requires `key` (metadata). */
  requiresKey?: boolean
  /** Allowed values (enumerations). */
  values?: readonly string[]
  label: string
  source: string
}

export const RFM_GROUPS = [
  "champions",
  "loyal",
  "potential_loyalists",
  "new_customers",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose",
  "hibernating",
] as const

export const ATTRIBUTES = {
  order_count: {
    type: "number",
    kind: "order",
    windowable: true,
    label: "Order count",
    source: "count of the customer's counted orders (0 when none)",
  },
  total_spent: {
    type: "number",
    kind: "order",
    windowable: true,
    label: "Total spent",
    source: "sum of counted order totals (0 when none)",
  },
  average_order_value: {
    type: "number",
    kind: "order",
    windowable: true,
    label: "Average order value",
    source: "total spent / order count; missing when the customer has no counted order",
  },
  first_order_date: {
    type: "date",
    kind: "order",
    windowable: true,
    label: "First order date",
    source: "created_at of the earliest counted order; missing when none",
  },
  last_order_date: {
    type: "date",
    kind: "order",
    windowable: true,
    label: "Last order date",
    source: "created_at of the latest counted order; missing when none",
  },
  days_since_last_order: {
    type: "number",
    kind: "order",
    windowable: true,
    label: "Days since last order",
    source: "whole days between evaluation time and the latest counted order; missing when none",
  },
  products_purchased: {
    type: "purchase",
    kind: "purchase",
    windowable: true,
    label: "Products purchased",
    source: "product ids of counted order items (order_line_item.product_id)",
  },
  categories_purchased: {
    type: "purchase",
    kind: "purchase",
    windowable: true,
    label: "Categories purchased",
    source: "category ids of purchased products (product_category_product)",
  },
  collections_purchased: {
    type: "purchase",
    kind: "purchase",
    windowable: true,
    label: "Collections purchased",
    source: "collection id of purchased products (product.collection_id)",
  },
  tags_purchased: {
    type: "purchase",
    kind: "purchase",
    windowable: true,
    label: "Tags purchased",
    source: "tag ids of purchased products (product_tags)",
  },
  has_account: {
    type: "boolean",
    kind: "customer",
    windowable: false,
    label: "Has account",
    source: "customer.has_account",
  },
  email_domain: {
    type: "string",
    kind: "customer",
    windowable: false,
    label: "Email domain",
    source: "lower-cased part of customer.email after '@'; missing without email",
  },
  customer_group: {
    type: "string_set",
    kind: "customer",
    windowable: false,
    label: "Customer group",
    source: "ids of the customer's groups (customer_group_customer); empty set when none",
  },
  created_at: {
    type: "date",
    kind: "customer",
    windowable: false,
    label: "Customer created at",
    source: "customer.created_at",
  },
  address_country: {
    type: "string_set",
    kind: "customer",
    windowable: false,
    label: "Address country",
    source: "ISO 3166-1 alpha-2 codes of the customer's addresses; empty set when none",
  },
  metadata: {
    type: "string",
    kind: "customer",
    windowable: false,
    requiresKey: true,
    label: "Customer metadata",
    source: "customer.metadata[key] as text; missing when the key is absent",
  },
  rfm_group: {
    type: "string",
    kind: "rfm",
    windowable: false,
    values: RFM_GROUPS,
    label: "RFM group",
    source:
      "R, F, M scores 1-5 by quintiles over the store's customers with counted orders; group from the R x F grid; missing without orders",
  },
} as const satisfies Record<string, AttributeDef>

export type AttributeName = keyof typeof ATTRIBUTES

export function getAttribute(name: string): AttributeDef | undefined {
  return Object.prototype.hasOwnProperty.call(ATTRIBUTES, name)
    ? (ATTRIBUTES as Record<string, AttributeDef>)[name]
    : undefined
}

/** RFM group from recency and frequency scores (1..5), the classic R x F grid. */
export function rfmGroup(r: number, f: number): (typeof RFM_GROUPS)[number] {
  if (r <= 2) {
    return f <= 2 ? "hibernating" : f <= 4 ? "at_risk" : "cant_lose"
  }
  if (r === 3) {
    return f <= 2 ? "about_to_sleep" : f === 3 ? "need_attention" : "loyal"
  }
  if (f >= 4) {
    return r === 5 ? "champions" : "loyal"
  }
  if (f >= 2) {
    return "potential_loyalists"
  }
  return r === 5 ? "new_customers" : "promising"
}
