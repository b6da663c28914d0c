import { pgTextArray } from "../../../utils/sql"
import { ValueType } from "./attributes"
import { getOperator, OperatorName } from "./operators"

/** Positional parameters of a compiled query: each value is bound once, as `$n::cast`. */
export class Params {
  values: unknown[] = []
  add(value: unknown, cast: string): string {
    this.values.push(value)
    return `$${this.values.length}::${cast}`
  }
  /** A list bound as one array parameter the planner can see (`pgTextArray`). */
  textList(list: unknown[]): string {
    return this.add(pgTextArray(list), "text[]")
  }
  numericList(list: unknown[]): string {
    return this.add(pgTextArray(list), "numeric[]")
  }
}

function castFor(type: ValueType): string {
  switch (type) {
    case "number":
    case "purchase":
      return "numeric"
    case "date":
      return "timestamptz"
    case "boolean":
      return "boolean"
    case "string":
    case "string_set":
      return "text"
    default: {
      const never: never = type
      throw new Error(`no cast for ${never}`)
    }
  }
}

function scalarParam(p: Params, type: ValueType, value: unknown): string {
  if (type === "string" || type === "string_set") {
    return p.add(String(value).toLowerCase(), "text")
  }
  if (type === "number") {
    return p.add(String(value), "numeric")
  }
  if (type === "date") {
    return p.add(new Date(String(value)).toISOString(), "timestamptz")
  }
  return p.add(value, castFor(type))
}

/**
 * SQL of one condition: binds the value the way the operator's shape and the
 * fact type need (strings and sets lower-cased) and applies the operator's SQL form.
 */
export function operatorSql(
  p: Params,
  opName: OperatorName,
  type: ValueType,
  f: string,
  value: unknown,
  boundList?: string
): string {
  const op = getOperator(opName)!
  let v = ""
  let lo = ""
  let hi = ""
  switch (op.shape) {
    case "none":
      break
    case "scalar":
      v = scalarParam(p, type, value)
      break
    case "pair": {
      const [a, b] = value as unknown[]
      lo = scalarParam(p, type, a)
      hi = scalarParam(p, type, b)
      break
    }
    case "list": {
      const list = value as unknown[]
      if (type === "purchase") {
        v = boundList ?? p.textList(Array.from(new Set(list.map(String))))
      } else if (type === "number") {
        v = p.numericList(list)
      } else {
        v = p.textList(list.map((x) => String(x).toLowerCase()))
      }
      break
    }
    default: {
      const never: never = op.shape
      throw new Error(`unmapped shape ${never}`)
    }
  }
  return op.sql({ f, v, lo, hi }, type)
}
