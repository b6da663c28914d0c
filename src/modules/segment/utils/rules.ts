import { z } from "@medusajs/framework/zod"

/** A leaf: "fact OP value", with an optional window and purchase options. */
export type ConditionNode = {
  type: "condition"
  attribute: string
  operator: string
  value?: unknown
  /** Only orders placed in the last N days count (order-derived attributes only). */
  window_days?: number
  /** Purchase attributes: quantity an item must reach to count as purchased (default 1). */
  min_quantity?: number
  /** `metadata` attribute: the key to read. */
  key?: string
}

export type AllNode = { type: "all"; conditions: RuleNode[] }
export type AnyNode = { type: "any"; conditions: RuleNode[] }
export type NotNode = { type: "not"; condition: RuleNode }

/**
 * A rule tree. Empty `all` is true (matches every customer), empty `any` is
 * false (matches nobody): the identities of AND and OR.
 */
export type RuleNode = AllNode | AnyNode | NotNode | ConditionNode

/**
 * Limits of one rule tree, checked before anything deep is parsed (docs/reliability.md).
 * A tree may nest groups 8 levels below the root, hold 100 conditions and 200 nodes in all;
 * a string value is at most 500 characters, a list at most 1,000 values.
 */
export const MAX_RULE_DEPTH = 8
export const MAX_RULE_CONDITIONS = 100
export const MAX_RULE_NODES = 200
export const MAX_RULE_STRING = 500
export const MAX_RULE_LIST = 1000

export const ConditionSchema = z
  .object({
    type: z.literal("condition"),
    attribute: z.string().min(1).max(100),
    operator: z.string().min(1).max(100),
    value: z.unknown().optional(),
    window_days: z.number().int().positive().max(36500).optional(),
    min_quantity: z.number().positive().max(1_000_000_000).optional(),
    key: z.string().min(1).max(200).optional(),
  })
  .strict()

/** Shape of a rule tree (zod). Attribute/operator/value semantics are checked by `validateRuleTree`. */
export const RuleNodeSchema: z.ZodType<RuleNode> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("all"), conditions: z.array(RuleNodeSchema) }).strict(),
    z.object({ type: z.literal("any"), conditions: z.array(RuleNodeSchema) }).strict(),
    z.object({ type: z.literal("not"), condition: RuleNodeSchema }).strict(),
    ConditionSchema,
  ])
) as z.ZodType<RuleNode>

type Segment = string | number

/**
 * The first limit a raw (unparsed) rule tree breaks, with its path: depth, node and condition
 * counts. Iterative and shape-tolerant, so it runs safely before the recursive schema.
 */
export function ruleTreeLimitProblem(input: unknown): { path: Segment[]; message: string } | null {
  const stack: { node: unknown; path: Segment[]; depth: number }[] = [{ node: input, path: [], depth: 0 }]
  let nodes = 0
  let conditions = 0
  while (stack.length) {
    const { node, path, depth } = stack.pop()!
    if (node === null || typeof node !== "object" || Array.isArray(node)) {
      continue
    }
    if (depth > MAX_RULE_DEPTH) {
      return { path, message: `nesting deeper than ${MAX_RULE_DEPTH} levels below the root` }
    }
    if (++nodes > MAX_RULE_NODES) {
      return { path: [], message: `more than ${MAX_RULE_NODES} nodes in one tree` }
    }
    const n = node as { type?: unknown; conditions?: unknown; condition?: unknown }
    if (n.type === "condition" && ++conditions > MAX_RULE_CONDITIONS) {
      return { path: [], message: `more than ${MAX_RULE_CONDITIONS} conditions in one tree` }
    }
    if (Array.isArray(n.conditions)) {
      n.conditions.forEach((c, i) => stack.push({ node: c, path: [...path, "conditions", i], depth: depth + 1 }))
    }
    if (n.condition !== undefined) {
      stack.push({ node: n.condition, path: [...path, "condition"], depth: depth + 1 })
    }
  }
  return null
}

/**
 * A rule tree as API input: the limits first (so a tree 2,000 levels deep never reaches the
 * recursive schema), then the shape. Attribute/operator/value semantics: `findRuleProblems`.
 */
export const RuleTreeSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const limit = ruleTreeLimitProblem(value)
    if (limit) {
      ctx.addIssue({ code: "custom", path: limit.path, message: limit.message })
      return
    }
    const parsed = RuleNodeSchema.safeParse(value)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const message =
          issue.code === "invalid_union"
            ? 'must be a rule node: type "all", "any", "not" or "condition" with its fields'
            : issue.message
        ctx.addIssue({ code: "custom", path: issue.path as Segment[], message })
      }
    }
  })
  .transform((value) => value as RuleNode)

/** JSON path of a node, e.g. `rules.conditions[1].value`. */
export function childPath(base: string, key: string | number): string {
  return typeof key === "number" ? `${base}[${key}]` : `${base}.${key}`
}

/** Top-level conditions of a tree: the children of a root all/any, else the root itself. */
export function topLevel(tree: RuleNode, base = "rules"): { path: string; node: RuleNode }[] {
  if (tree.type === "all" || tree.type === "any") {
    return tree.conditions.map((node, i) => ({
      path: childPath(childPath(base, "conditions"), i),
      node,
    }))
  }
  return [{ path: base, node: tree }]
}
