import type { OperatorName } from "../../../../../modules/segment/utils/operators"
import type {
  AdminRuleCondition as Condition,
  AdminRuleNode as RuleNode,
  AdminSegmentAttribute as Attribute,
  AdminSegmentOperator as Operator,
} from "../../../../../types/segments"

export type Row = {
  key: number
  attribute: string
  operator: string
  value: string
  value2: string
  window_days: string
  min_quantity: string
  meta_key: string
  /** The merchant changed this row (or tried to save): only then are its problems shown. */
  touched: boolean
}
export type BuilderState = { match: "all" | "any"; rows: Row[] }

let nextKey = 1
export const emptyRow = (): Row => ({
  key: nextKey++,
  attribute: "order_count",
  operator: "gte",
  value: "",
  value2: "",
  window_days: "",
  min_quantity: "",
  meta_key: "",
  touched: false,
})

type FactType = Attribute["type"]

/**
 * How the rule builder names each operator, per the fact type it applies to: "fact OP value" read
 * aloud ("Average order value is at least 150", "Last order date is on or before 2026-01-01").
 */
const OPERATOR_LABELS: Record<OperatorName, (t: FactType) => string> = {
  eq: (t) => (t === "date" ? "is exactly" : "is"),
  ne: () => "is not",
  gt: (t) => (t === "date" ? "is after" : "is more than"),
  gte: (t) => (t === "date" ? "is on or after" : "is at least"),
  lt: (t) => (t === "date" ? "is before" : "is less than"),
  lte: (t) => (t === "date" ? "is on or before" : "is at most"),
  between: () => "is between",
  in: (t) => (t === "string_set" ? "includes any of" : "is one of"),
  not_in: (t) => (t === "string_set" ? "includes none of" : "is none of"),
  contains: (t) => (t === "string_set" ? "includes" : "contains"),
  is_set: (t) => (t === "string_set" ? "is not empty" : "is known"),
  is_not_set: (t) => (t === "string_set" ? "is empty" : "is unknown"),
  any: () => "bought any of",
  all: () => "bought all of",
  none: () => "bought none of",
}

/** The words for an operator on a fact type; an operator this admin does not know keeps its name. */
export function operatorLabel(name: string, type: FactType): string {
  return Object.prototype.hasOwnProperty.call(OPERATOR_LABELS, name)
    ? OPERATOR_LABELS[name as OperatorName](type)
    : name
}

const toScalar = (type: Attribute["type"], raw: string): unknown => {
  const v = raw.trim()
  if (type === "number") {
    return v === "" ? undefined : Number(v)
  }
  if (type === "boolean") {
    return v === "" ? undefined : v === "true"
  }
  return v === "" ? undefined : v
}

/** Builder rows -> rule tree (the server validates it again and names bad paths). */
export function toRules(state: BuilderState, attributes: Attribute[], operators: Operator[]): RuleNode {
  const conditions = state.rows.map((r): Condition => {
    const attr = attributes.find((a) => a.name === r.attribute)
    const op = operators.find((o) => o.name === r.operator)
    const type = attr?.type ?? "string"
    const c: Condition = { type: "condition", attribute: r.attribute, operator: r.operator }
    if (op?.shape === "scalar") {
      c.value = toScalar(type === "string_set" || type === "purchase" ? "string" : type, r.value)
    } else if (op?.shape === "pair") {
      c.value = [toScalar(type, r.value), toScalar(type, r.value2)]
    } else if (op?.shape === "list") {
      c.value = r.value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (type === "number" ? Number(s) : s))
    }
    if (attr?.windowable && r.window_days.trim()) {
      c.window_days = Number(r.window_days)
    }
    if (type === "purchase" && r.min_quantity.trim()) {
      c.min_quantity = Number(r.min_quantity)
    }
    if (attr?.requiresKey) {
      c.key = r.meta_key.trim()
    }
    return c
  })
  return { type: state.match, conditions } as RuleNode
}

/** Rule tree -> builder rows, when the tree is a flat all/any of conditions (else null). */
export function fromRules(tree: RuleNode | null | undefined): BuilderState | null {
  if (!tree) {
    return { match: "all", rows: [] }
  }
  const flat =
    tree.type === "condition"
      ? { match: "all" as const, conditions: [tree] }
      : tree.type === "all" || tree.type === "any"
        ? { match: tree.type, conditions: tree.conditions }
        : null
  if (!flat || flat.conditions.some((c) => c.type !== "condition")) {
    return null
  }
  return {
    match: flat.match,
    rows: (flat.conditions as Condition[]).map((c) => {
      const v = c.value
      return {
        ...emptyRow(),
        attribute: c.attribute,
        operator: c.operator,
        value: Array.isArray(v)
          ? c.operator === "between"
            ? String(v[0] ?? "")
            : v.join(", ")
          : v === undefined
            ? ""
            : String(v),
        value2: Array.isArray(v) && c.operator === "between" ? String(v[1] ?? "") : "",
        window_days: c.window_days ? String(c.window_days) : "",
        min_quantity: c.min_quantity ? String(c.min_quantity) : "",
        meta_key: c.key ?? "",
      }
    }),
  }
}

const isNumber = (raw: string) => raw.trim() !== "" && Number.isFinite(Number(raw))
const isDate = (raw: string) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw.trim())

function valueProblem(type: FactType, raw: string): string | null {
  if (raw.trim() === "") {
    return "Enter a value"
  }
  if (type === "number" && !isNumber(raw)) {
    return "Enter a number"
  }
  if (type === "date" && !isDate(raw)) {
    return "Enter a date as YYYY-MM-DD"
  }
  if (type === "boolean" && raw !== "true" && raw !== "false") {
    return "Choose yes or no"
  }
  return null
}

/**
 * What keeps a builder row from being a condition the server accepts (null when none): the
 * builder shows it once the row is touched, and previews only complete rows. The server
 * validates again and names any other problem.
 */
export function rowProblem(row: Row, attributes: Attribute[], operators: Operator[]): string | null {
  const attr = attributes.find((a) => a.name === row.attribute)
  if (!attr) {
    return "Choose an attribute"
  }
  const op = operators.find((o) => o.name === row.operator && o.types.includes(attr.type))
  if (!op) {
    return "Choose a comparison"
  }
  if (attr.requiresKey && !row.meta_key.trim()) {
    return "Enter the metadata key"
  }
  const type: FactType = attr.type === "purchase" || attr.type === "string_set" ? "string" : attr.type
  switch (op.shape) {
    case "none":
      break
    case "scalar": {
      const p = valueProblem(type, row.value)
      if (p) return p
      break
    }
    case "pair": {
      const p = valueProblem(type, row.value) ?? valueProblem(type, row.value2)
      if (p) return p
      if (type === "number" && Number(row.value) > Number(row.value2)) {
        return "The first value must not be greater than the second"
      }
      break
    }
    case "list": {
      const items = row.value
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
      if (!items.length) {
        return "Enter at least one value (comma-separated)"
      }
      const bad = items.find((x) => valueProblem(type, x))
      if (bad !== undefined) {
        return `"${bad}": ${valueProblem(type, bad)!.toLowerCase()}`
      }
      break
    }
    default: {
      const never: never = op.shape
      return `Unsupported value shape ${never}`
    }
  }
  if (row.window_days.trim() && !(Number.isInteger(Number(row.window_days)) && Number(row.window_days) > 0)) {
    return "The window must be a whole number of days above 0"
  }
  if (row.min_quantity.trim() && !(Number(row.min_quantity) > 0)) {
    return "The minimum quantity must be above 0"
  }
  return null
}

const valueText = (v: unknown): string =>
  Array.isArray(v) ? v.map(String).join(", ") : v === undefined || v === null ? "" : String(v)

/**
 * A rule tree in words, one line per node ("Order count in the last 90 days is at least 3"),
 * indented by depth, for the segment detail. Unknown attributes keep their names.
 */
export function describeRules(
  tree: RuleNode | null | undefined,
  attributes: Attribute[]
): { depth: number; text: string }[] {
  const out: { depth: number; text: string }[] = []
  const walk = (node: RuleNode, depth: number) => {
    switch (node.type) {
      case "all":
      case "any":
        out.push({
          depth,
          text: node.conditions.length
            ? `${node.type === "all" ? "All" : "Any"} of:`
            : node.type === "all"
              ? "Every customer (no condition)"
              : "Nobody (no condition)",
        })
        node.conditions.forEach((c) => walk(c, depth + 1))
        return
      case "not":
        out.push({ depth, text: "Not:" })
        walk(node.condition, depth + 1)
        return
      case "condition": {
        const attr = attributes.find((a) => a.name === node.attribute)
        const parts = [attr?.label ?? node.attribute]
        if (node.key) parts.push(`[${node.key}]`)
        if (node.window_days) parts.push(`in the last ${node.window_days} days`)
        parts.push(operatorLabel(node.operator, attr?.type ?? "string"))
        const v = node.value
        if (node.operator === "between" && Array.isArray(v)) parts.push(`${valueText(v[0])} and ${valueText(v[1])}`)
        else if (v !== undefined && v !== null) parts.push(valueText(v))
        if (node.min_quantity) parts.push(`(at least ${node.min_quantity} units each)`)
        out.push({ depth, text: parts.join(" ") })
        return
      }
      default: {
        const never: never = node
        out.push({ depth, text: JSON.stringify(never) })
      }
    }
  }
  if (tree) walk(tree, 0)
  return out
}
