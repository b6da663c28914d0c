import { getAttribute } from "../../segment/utils/attributes"

/** Operators as they read in a sentence ("fact OP value"). */
const OPERATOR_WORDS: Record<string, string> = {
  eq: "is",
  ne: "is not",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  in: "is one of",
  not_in: "is none of",
  contains: "contains",
  is_set: "is set",
  is_not_set: "is not set",
  any: "includes any of",
  all: "includes all of",
  none: "includes none of",
}

type Node = {
  type?: string
  conditions?: unknown[]
  condition?: unknown
  attribute?: string
  operator?: string
  value?: unknown
  window_days?: number
  key?: string
}

function valueWords(v: unknown): string {
  if (Array.isArray(v)) {
    return v.length === 2 && v.every((x) => typeof x === "number") ? `${v[0]} and ${v[1]}` : v.map(String).join(", ")
  }
  return v === undefined || v === null ? "" : String(v)
}

/**
 * A segment's rule tree in words: `Order count is at least 2 and Days since last order is at
 * most 90`. An empty `all` reads "every customer", an empty `any` "no customer" (the rule
 * tree's identities); no tree at all reads "no rules".
 */
export function ruleTreeInWords(tree: unknown, depth = 0): string {
  if (!tree || typeof tree !== "object") return "no rules"
  const n = tree as Node
  switch (n.type) {
    case "all":
    case "any": {
      const parts = (n.conditions ?? []).map((c) => ruleTreeInWords(c, depth + 1))
      if (!parts.length) return n.type === "all" ? "every customer" : "no customer"
      const joined = parts.join(n.type === "all" ? " and " : " or ")
      return depth > 0 && parts.length > 1 ? `(${joined})` : joined
    }
    case "not":
      return `not ${ruleTreeInWords(n.condition, depth + 1)}`
    case "condition": {
      const label = getAttribute(n.attribute ?? "")?.label ?? String(n.attribute)
      const name = n.key ? `${label} "${n.key}"` : label
      const op = OPERATOR_WORDS[n.operator ?? ""] ?? String(n.operator).replace(/_/g, " ")
      const value = valueWords(n.value)
      const window = n.window_days ? ` in the last ${n.window_days} days` : ""
      return [name, op, value].filter(Boolean).join(" ") + window
    }
    default:
      return "no rules"
  }
}
