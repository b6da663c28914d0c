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

export const MAX_RULE_DEPTH = 8

export const ConditionSchema = z
  .object({
    type: z.literal("condition"),
    attribute: z.string().min(1),
    operator: z.string().min(1),
    value: z.unknown().optional(),
    window_days: z.number().int().positive().max(36500).optional(),
    min_quantity: z.number().positive().optional(),
    key: z.string().min(1).max(200).optional(),
  })
  .strict()

/** Shape of a rule tree (zod). Attribute/operator/value semantics are checked by `validateRuleTree`. */
export const RuleNodeSchema: z.ZodType<RuleNode> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z
      .object({ type: z.literal("all"), conditions: z.array(RuleNodeSchema) })
      .strict(),
    z
      .object({ type: z.literal("any"), conditions: z.array(RuleNodeSchema) })
      .strict(),
    z.object({ type: z.literal("not"), condition: RuleNodeSchema }).strict(),
    ConditionSchema,
  ])
) as z.ZodType<RuleNode>

/** JSON path of a node, e.g. `rules.conditions[1].value`. */
export function childPath(base: string, key: string | number): string {
  return typeof key === "number" ? `${base}[${key}]` : `${base}.${key}`
}

/** Top-level conditions of a tree: the children of a root all/any, else the root itself. */
export function topLevel(
  tree: RuleNode,
  base = "rules"
): { path: string; node: RuleNode }[] {
  if (tree.type === "all" || tree.type === "any") {
    return tree.conditions.map((node, i) => ({
      path: childPath(childPath(base, "conditions"), i),
      node,
    }))
  }
  return [{ path: base, node: tree }]
}
