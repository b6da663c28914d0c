import { ValueType } from "./attributes"

/** What the `value` of a condition must look like for an operator. */
export type ValueShape = "none" | "scalar" | "pair" | "list"

export type OperatorName =
  | "eq"
  | "ne"
  | "gt"
  | "gte"
  | "lt"
  | "lte"
  | "between"
  | "in"
  | "not_in"
  | "contains"
  | "is_set"
  | "is_not_set"
  | "any"
  | "all"
  | "none"

/** In-memory fact: number, date (ms or ISO), string, boolean, string[] (sets), or null (missing). */
export type Fact = number | string | boolean | Date | string[] | null | undefined

/** SQL operands: `f` is the fact expression; `v` the bound value ([lo, hi] for `between`, an array expression for lists). */
export type SqlOperands = { f: string; v: string; lo: string; hi: string }

export type OperatorDef = {
  /** Fact types the operator applies to. */
  types: readonly ValueType[]
  shape: ValueShape
  /** How a list fact, an empty list value and a missing fact are treated. */
  semantics: string
  /** SQL boolean expression that is never NULL. */
  sql: (o: SqlOperands, type: ValueType) => string
}

const lowerIfString = (expr: string, type: ValueType) => (type === "string" ? `lower(${expr})` : expr)

/**
 * The operator map. Direction reads "fact OP value". Every SQL form is wrapped so
 * that a missing fact (NULL) gives false for the positive operators, and the
 * negative operators (`ne`, `not_in`, `is_not_set`, `none`) are exact complements
 * of their positive twin, so `not(eq)` and `ne` always agree.
 */
export const OPERATORS: Record<OperatorName, OperatorDef> = {
  eq: {
    types: ["number", "date", "string", "boolean"],
    shape: "scalar",
    semantics: "missing fact: false. Strings compare case-insensitively.",
    sql: ({ f, v }, t) => `coalesce(${lowerIfString(f, t)} = ${v}, false)`,
  },
  ne: {
    types: ["number", "date", "string", "boolean"],
    shape: "scalar",
    semantics: "complement of eq: a missing fact is not equal, so true.",
    sql: ({ f, v }, t) => `not coalesce(${lowerIfString(f, t)} = ${v}, false)`,
  },
  gt: {
    types: ["number", "date"],
    shape: "scalar",
    semantics: "missing fact: false.",
    sql: ({ f, v }) => `coalesce(${f} > ${v}, false)`,
  },
  gte: {
    types: ["number", "date"],
    shape: "scalar",
    semantics: "missing fact: false.",
    sql: ({ f, v }) => `coalesce(${f} >= ${v}, false)`,
  },
  lt: {
    types: ["number", "date"],
    shape: "scalar",
    semantics: "missing fact: false (a customer without orders has no AOV, not an AOV below 10).",
    sql: ({ f, v }) => `coalesce(${f} < ${v}, false)`,
  },
  lte: {
    types: ["number", "date"],
    shape: "scalar",
    semantics: "missing fact: false.",
    sql: ({ f, v }) => `coalesce(${f} <= ${v}, false)`,
  },
  between: {
    types: ["number", "date"],
    shape: "pair",
    semantics: "value [lo, hi], both inclusive, lo <= hi. Missing fact: false.",
    sql: ({ f, lo, hi }) => `coalesce(${f} between ${lo} and ${hi}, false)`,
  },
  in: {
    types: ["number", "string", "string_set"],
    shape: "list",
    semantics:
      "scalar fact: equals one of the values. Set fact: shares at least one value. Empty value list: false. Missing fact / empty set: false.",
    sql: ({ f, v }, t) =>
      t === "string_set" ? `coalesce(${f} && ${v}, false)` : `coalesce(${lowerIfString(f, t)} = any(${v}), false)`,
  },
  not_in: {
    types: ["number", "string", "string_set"],
    shape: "list",
    semantics: "complement of in: empty value list, missing fact and empty set all give true.",
    sql: ({ f, v }, t) =>
      t === "string_set"
        ? `not coalesce(${f} && ${v}, false)`
        : `not coalesce(${lowerIfString(f, t)} = any(${v}), false)`,
  },
  contains: {
    types: ["string", "string_set"],
    shape: "scalar",
    semantics:
      "string fact: contains the value as a substring (case-insensitive). Set fact: has the value as a member. Missing fact: false.",
    sql: ({ f, v }, t) =>
      t === "string_set" ? `coalesce(${v} = any(${f}), false)` : `coalesce(strpos(lower(${f}), ${v}) > 0, false)`,
  },
  is_set: {
    types: ["number", "date", "string", "boolean", "string_set"],
    shape: "none",
    semantics: "not missing; a string must be non-empty, a set must have a member. 0 and false are set.",
    sql: ({ f }, t) =>
      t === "string_set"
        ? `coalesce(cardinality(${f}) > 0, false)`
        : t === "string"
          ? `coalesce(${f} <> '', false)`
          : `(${f} is not null)`,
  },
  is_not_set: {
    types: ["number", "date", "string", "boolean", "string_set"],
    shape: "none",
    semantics: "complement of is_set.",
    sql: ({ f }, t) =>
      t === "string_set"
        ? `not coalesce(cardinality(${f}) > 0, false)`
        : t === "string"
          ? `not coalesce(${f} <> '', false)`
          : `(${f} is null)`,
  },
  any: {
    types: ["purchase"],
    shape: "list",
    semantics: "bought at least one of the listed items (each reaching min_quantity in the window). Empty list: false.",
    sql: ({ f }) => `(${f} >= 1)`,
  },
  all: {
    types: ["purchase"],
    shape: "list",
    semantics: "bought every listed item (each reaching min_quantity). Empty list: true (vacuous).",
    sql: ({ f, v }) => `(${f} >= cardinality(${v}))`,
  },
  none: {
    types: ["purchase"],
    shape: "list",
    semantics: "bought none of the listed items (complement of any). Empty list: true.",
    sql: ({ f }) => `(${f} = 0)`,
  },
}

export function getOperator(name: string): OperatorDef | undefined {
  return Object.prototype.hasOwnProperty.call(OPERATORS, name) ? OPERATORS[name as OperatorName] : undefined
}

function toComparable(x: unknown, type: ValueType): number | string | boolean | null {
  if (x === null || x === undefined) {
    return null
  }
  if (type === "number" || type === "purchase") {
    const n = typeof x === "number" ? x : Number(x)
    return Number.isFinite(n) ? n : null
  }
  if (type === "date") {
    const ms = x instanceof Date ? x.getTime() : Date.parse(String(x))
    return Number.isFinite(ms) ? ms : null
  }
  if (type === "string") {
    return String(x).toLowerCase()
  }
  if (type === "boolean") {
    return Boolean(x)
  }
  return null
}

function toSet(x: unknown): string[] {
  return Array.isArray(x) ? x.map((s) => String(s).toLowerCase()) : []
}

/**
 * In-memory form of every operator: the same semantics as the SQL form, used by
 * `explain` and tests. Exhaustive over OperatorName.
 */
export function applyOperator(op: OperatorName, type: ValueType, fact: unknown, value: unknown): boolean {
  if (type === "string_set") {
    const set = toSet(fact)
    switch (op) {
      case "in":
        return toSet(value).some((v) => set.includes(v))
      case "not_in":
        return !applyOperator("in", type, fact, value)
      case "contains":
        return value !== null && value !== undefined && set.includes(String(value).toLowerCase())
      case "is_set":
        return set.length > 0
      case "is_not_set":
        return set.length === 0
      default:
        return false
    }
  }
  const f = toComparable(fact, type)
  switch (op) {
    case "eq":
      return f !== null && f === toComparable(value, type)
    case "ne":
      return !applyOperator("eq", type, fact, value)
    case "gt":
      return f !== null && (f as number) > (toComparable(value, type) as number)
    case "gte":
      return f !== null && (f as number) >= (toComparable(value, type) as number)
    case "lt":
      return f !== null && (f as number) < (toComparable(value, type) as number)
    case "lte":
      return f !== null && (f as number) <= (toComparable(value, type) as number)
    case "between": {
      const [lo, hi] = Array.isArray(value) ? value : []
      return (
        f !== null &&
        (f as number) >= (toComparable(lo, type) as number) &&
        (f as number) <= (toComparable(hi, type) as number)
      )
    }
    case "in":
      return f !== null && (Array.isArray(value) ? value : []).some((v) => toComparable(v, type) === f)
    case "not_in":
      return !applyOperator("in", type, fact, value)
    case "contains":
      return f !== null && value !== null && value !== undefined && String(f).includes(String(value).toLowerCase())
    case "is_set":
      return f !== null && f !== ""
    case "is_not_set":
      return !applyOperator("is_set", type, fact, value)
    case "any":
      return (f as number) >= 1
    case "all":
      return ((f as number) ?? 0) >= new Set(Array.isArray(value) ? value : []).size
    case "none":
      return (f ?? 0) === 0
    default: {
      const never: never = op
      throw new Error(`unknown operator ${never}`)
    }
  }
}
