import { getAttribute } from "./attributes"
import { applyOperator, OperatorName } from "./operators"
import { childPath, RuleNode } from "./rules"

/** One node of an evaluation: its result, and for a condition the fact value it saw. */
export type ExplainNode = {
  path: string
  type: RuleNode["type"]
  result: boolean
  attribute?: string
  operator?: string
  value?: unknown
  fact?: unknown
  children?: ExplainNode[]
}

/**
 * Evaluates a tree in memory against per-condition facts (keyed by condition
 * path) and explains every node. Same semantics as the SQL compiler.
 */
export function explainRules(tree: RuleNode, factAt: (path: string) => unknown, path = "rules"): ExplainNode {
  switch (tree.type) {
    case "all":
    case "any": {
      const children = tree.conditions.map((c, i) =>
        explainRules(c, factAt, childPath(childPath(path, "conditions"), i))
      )
      const result = tree.type === "all" ? children.every((c) => c.result) : children.some((c) => c.result)
      return { path, type: tree.type, result, children }
    }
    case "not": {
      const child = explainRules(tree.condition, factAt, childPath(path, "condition"))
      return { path, type: "not", result: !child.result, children: [child] }
    }
    case "condition": {
      const attr = getAttribute(tree.attribute)
      const fact = factAt(path)
      const result = attr ? applyOperator(tree.operator as OperatorName, attr.type, fact, tree.value) : false
      return {
        path,
        type: "condition",
        result,
        attribute: tree.attribute,
        operator: tree.operator,
        value: tree.value,
        fact,
      }
    }
    default: {
      const never: never = tree
      throw new Error(`unknown node ${JSON.stringify(never)}`)
    }
  }
}
