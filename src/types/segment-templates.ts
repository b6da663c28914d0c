import type { RuleNode } from "../modules/segment/utils/rules"

/**
 * Segments to start from on the admin's new-segment page: a name, what it means, and a rule tree
 * (flat, so the rule builder can edit it). Amounts are in the segment's currency, which defaults
 * to the store's. Each tree passes the segment rule validator (`segment-templates.unit.spec.ts`).
 */
export type SegmentTemplate = {
  id: string
  name: string
  description: string
  rules: RuleNode
}

export const SEGMENT_TEMPLATES: readonly SegmentTemplate[] = [
  {
    id: "frequent-high-spenders",
    name: "Frequent high spenders",
    description: "3+ orders in the last 90 days and an average order value above 150 in the store currency",
    rules: {
      type: "all",
      conditions: [
        { type: "condition", attribute: "order_count", operator: "gte", value: 3, window_days: 90 },
        { type: "condition", attribute: "average_order_value", operator: "gt", value: 150 },
      ],
    },
  },
  {
    id: "champions",
    name: "Champions",
    description: "Bought recently and often (RFM: top recency and frequency scores)",
    rules: {
      type: "all",
      conditions: [{ type: "condition", attribute: "rfm_group", operator: "eq", value: "champions" }],
    },
  },
  {
    id: "loyal",
    name: "Loyal customers",
    description: "Buy often, recently enough (RFM: loyal or champions)",
    rules: {
      type: "all",
      conditions: [{ type: "condition", attribute: "rfm_group", operator: "in", value: ["loyal", "champions"] }],
    },
  },
  {
    id: "at-risk",
    name: "At risk",
    description: "Used to buy often, but not lately (RFM: at risk or can't lose)",
    rules: {
      type: "all",
      conditions: [{ type: "condition", attribute: "rfm_group", operator: "in", value: ["at_risk", "cant_lose"] }],
    },
  },
  {
    id: "lapsed-buyers",
    name: "Lapsed buyers",
    description: "Ordered before, but not in the last 180 days",
    rules: {
      type: "all",
      conditions: [{ type: "condition", attribute: "days_since_last_order", operator: "gte", value: 180 }],
    },
  },
  {
    id: "first-time-buyers",
    name: "First-time buyers",
    description: "Exactly one order so far, placed in the last 30 days",
    rules: {
      type: "all",
      conditions: [
        { type: "condition", attribute: "order_count", operator: "eq", value: 1 },
        { type: "condition", attribute: "days_since_last_order", operator: "lte", value: 30 },
      ],
    },
  },
]
