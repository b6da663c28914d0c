import { MedusaError } from "@medusajs/framework/utils"
import { getAttribute, ValueType } from "./attributes"
import { getOperator, OPERATORS } from "./operators"
import { isoDateProblem } from "../../../utils/iso-date"
import { childPath, MAX_RULE_DEPTH, MAX_RULE_LIST, MAX_RULE_STRING, RuleNode, RuleTreeSchema } from "./rules"

export type RuleProblem = { path: string; message: string }

function zodPath(base: string, path: PropertyKey[]): string {
  return path.reduce<string>((acc, k) => childPath(acc, typeof k === "number" ? k : String(k)), base)
}

function scalarProblem(type: ValueType, v: unknown): string | null {
  switch (type) {
    case "number":
    case "purchase":
      return typeof v === "number" && Number.isFinite(v) ? null : "must be a number"
    case "date":
      return typeof v === "string" ? isoDateProblem(v) : "must be an ISO date string"
    case "string":
    case "string_set":
      if (typeof v !== "string") {
        return "must be a string"
      }
      return v.length > MAX_RULE_STRING ? `must be at most ${MAX_RULE_STRING} characters` : null
    case "boolean":
      return typeof v === "boolean" ? null : "must be true or false"
    default: {
      const never: never = type
      return `unsupported type ${never}`
    }
  }
}

function checkCondition(node: Extract<RuleNode, { type: "condition" }>, path: string, out: RuleProblem[]) {
  const attr = getAttribute(node.attribute)
  if (!attr) {
    out.push({ path: `${path}.attribute`, message: `unknown attribute "${node.attribute}"` })
  }
  const op = getOperator(node.operator)
  if (!op) {
    out.push({ path: `${path}.operator`, message: `unknown operator "${node.operator}"` })
  }
  if (!attr || !op) {
    return
  }
  if (!op.types.includes(attr.type)) {
    out.push({
      path: `${path}.operator`,
      message: `operator "${node.operator}" does not apply to ${node.attribute} (${attr.type}); use one of ${operatorsFor(attr.type).join(", ")}`,
    })
    return
  }
  if (node.window_days !== undefined && !attr.windowable) {
    out.push({ path: `${path}.window_days`, message: `${node.attribute} has no time window` })
  }
  if (node.min_quantity !== undefined && attr.type !== "purchase") {
    out.push({ path: `${path}.min_quantity`, message: `min_quantity only applies to purchase attributes` })
  }
  if (attr.requiresKey && !node.key) {
    out.push({ path: `${path}.key`, message: `${node.attribute} needs a key` })
  }
  if (!attr.requiresKey && node.key !== undefined) {
    out.push({ path: `${path}.key`, message: `${node.attribute} takes no key` })
  }
  const vpath = `${path}.value`
  const v = node.value
  const elementType: ValueType = attr.type === "purchase" || attr.type === "string_set" ? "string" : attr.type
  const checkElement = (x: unknown, p: string) => {
    const problem = scalarProblem(elementType, x)
    if (problem) {
      out.push({ path: p, message: problem })
    } else if (attr.values && !attr.values.includes(String(x))) {
      out.push({ path: p, message: `must be one of ${attr.values.join(", ")}` })
    }
  }
  switch (op.shape) {
    case "none":
      if (v !== undefined && v !== null) {
        out.push({ path: vpath, message: `operator "${node.operator}" takes no value` })
      }
      return
    case "scalar":
      if (v === undefined || v === null) {
        out.push({ path: vpath, message: "is required" })
      } else {
        checkElement(v, vpath)
      }
      return
    case "pair":
      if (!Array.isArray(v) || v.length !== 2) {
        out.push({ path: vpath, message: "must be [lo, hi]" })
        return
      }
      checkElement(v[0], `${vpath}[0]`)
      checkElement(v[1], `${vpath}[1]`)
      if (typeof v[0] === typeof v[1]) {
        const lo = elementType === "date" ? Date.parse(String(v[0])) : Number(v[0])
        const hi = elementType === "date" ? Date.parse(String(v[1])) : Number(v[1])
        if (lo > hi) {
          out.push({ path: vpath, message: "lo must not be greater than hi" })
        }
      }
      return
    case "list":
      if (!Array.isArray(v)) {
        out.push({ path: vpath, message: "must be a list" })
        return
      }
      if (v.length > MAX_RULE_LIST) {
        out.push({ path: vpath, message: `at most ${MAX_RULE_LIST} values` })
        return
      }
      v.forEach((x, i) => checkElement(x, `${vpath}[${i}]`))
      return
    default: {
      const never: never = op.shape
      out.push({ path: vpath, message: `unsupported shape ${never}` })
    }
  }
}

function walk(node: RuleNode, path: string, depth: number, out: RuleProblem[]) {
  if (depth > MAX_RULE_DEPTH) {
    out.push({ path, message: `nesting deeper than ${MAX_RULE_DEPTH}` })
    return
  }
  switch (node.type) {
    case "all":
    case "any":
      node.conditions.forEach((c, i) => walk(c, childPath(childPath(path, "conditions"), i), depth + 1, out))
      return
    case "not":
      walk(node.condition, childPath(path, "condition"), depth + 1, out)
      return
    case "condition":
      checkCondition(node, path, out)
      return
    default: {
      const never: never = node
      out.push({ path, message: `unknown node ${JSON.stringify(never)}` })
    }
  }
}

/** Every problem of a rule tree (shape and semantics), each with its JSON path. */
export function findRuleProblems(input: unknown, base = "rules"): { tree?: RuleNode; problems: RuleProblem[] } {
  const parsed = RuleTreeSchema.safeParse(input)
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => ({
        path: zodPath(base, i.path),
        message: i.message,
      })),
    }
  }
  const problems: RuleProblem[] = []
  walk(parsed.data, base, 0, problems)
  return { tree: parsed.data, problems }
}

/** Validates a rule tree; throws one MedusaError(INVALID_DATA) naming every bad path. */
export function assertValidRuleTree(input: unknown, base = "rules"): RuleNode {
  const { tree, problems } = findRuleProblems(input, base)
  if (problems.length || !tree) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid segment rules: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`
    )
  }
  return tree
}

export function operatorsFor(type: ValueType): string[] {
  return Object.entries(OPERATORS)
    .filter(([, d]) => d.types.includes(type))
    .map(([n]) => n)
}
