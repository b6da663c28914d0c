import type { Attribute, Condition, Operator, RuleNode } from "../../../../hooks/segments"

export type Row = {
  key: number
  attribute: string
  operator: string
  value: string
  value2: string
  window_days: string
  min_quantity: string
  meta_key: string
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
})

export const selectClass =
  "h-8 w-full rounded-md border border-ui-border-base bg-ui-bg-field px-2 text-ui-fg-base txt-compact-small"

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
