import { getAttribute, ValueType } from "./attributes"
import { FactColumns, linesCte, ordersSql, rfmCtes } from "./fact-sql"
import { OperatorName } from "./operators"
import { operatorSql, Params } from "./params"
import { childPath, ConditionNode, RuleNode, topLevel } from "./rules"

export type CompileContext = {
  /** Evaluation time: windows and "days since" are relative to it. */
  now: Date
  /** Only orders in this currency count (ISO 4217, any case). */
  currency: string
  /** Attribute guest orders (no account) to the registered customer with the same email. */
  includeGuestOrders?: boolean
  /** Restrict the facts to these customers (incremental evaluation). */
  customerIds?: string[]
  /**
   * Read per-order facts (count, totals, dates) from the plugin's read model
   * `segment_order_fact` instead of joining "order" / "order_item" / "order_line_item".
   * Purchase conditions still read the order lines.
   */
  readModel?: boolean
}

export type CompiledLeaf = {
  path: string
  /** Column of the `facts` relation holding this condition's fact. */
  column: string
  attribute: string
  type: ValueType
  node: ConditionNode
}

/** A rule tree compiled to SQL over a per-customer `facts` relation. Values only ever appear in `params`. */
export type CompiledRules = {
  /** `with ... facts as (...)`: defines `facts(id, email, f0, f1, ...)`. */
  with: string
  /** Boolean SQL over `facts` columns, never NULL. */
  predicate: string
  topLevel: { path: string; sql: string }[]
  leaves: CompiledLeaf[]
  /** Positional parameters for `$1..$n`. */
  params: unknown[]
  /** True when the query reads the read model `segment_order_fact`. */
  readsOrderFacts: boolean
}

/**
 * Compiles a validated rule tree into one parameterized query over Medusa's customer and order
 * tables. An empty `all` is true (no condition to fail), an empty `any` is false (none holds).
 */
export function compileRules(tree: RuleNode, ctx: CompileContext, base = "rules"): CompiledRules {
  const p = new Params()
  const facts = new FactColumns(p, ctx.now)
  // Bound on first use, so every placeholder in the text is referenced (plain pg needs that).
  let currencySql: string | null = null
  const currencyP = () => (currencySql ??= p.add(ctx.currency.toLowerCase(), "text"))
  let idsSql: string | null = null
  const idsP = () => (ctx.customerIds ? (idsSql ??= p.textList(ctx.customerIds)) : null)

  const leaves: CompiledLeaf[] = []
  const factCols: string[] = []
  const byPath = new Map<string, string>()
  const predicateOf = (node: RuleNode, path: string): string => {
    const sql = nodeSql(node, path)
    byPath.set(path, sql)
    return sql
  }
  const nodeSql = (node: RuleNode, path: string): string => {
    switch (node.type) {
      case "all":
        return node.conditions.length
          ? `(${node.conditions.map((c, i) => predicateOf(c, childPath(childPath(path, "conditions"), i))).join(" and ")})`
          : "true"
      case "any":
        return node.conditions.length
          ? `(${node.conditions.map((c, i) => predicateOf(c, childPath(childPath(path, "conditions"), i))).join(" or ")})`
          : "false"
      case "not":
        return `(not ${predicateOf(node.condition, childPath(path, "condition"))})`
      case "condition": {
        const attr = getAttribute(node.attribute)!
        const column = `f${leaves.length}`
        leaves.push({ path, column, attribute: node.attribute, type: attr.type, node })
        factCols.push(`${facts.fact(node, column)} as ${column}`)
        const op = node.operator as OperatorName
        return operatorSql(p, op, attr.type, `facts.${column}`, node.value, facts.purchaseLists.get(node))
      }
      default: {
        const never: never = node
        throw new Error(`unknown node ${JSON.stringify(never)}`)
      }
    }
  }

  const predicate = predicateOf(tree, base)
  const tops = topLevel(tree, base).map((t) => ({ path: t.path, sql: byPath.get(t.path) ?? "true" }))

  const { aggCols, purchaseCtes, usesRfm } = facts
  const usesOrders = aggCols.length > 0 || purchaseCtes.length > 0 || usesRfm
  const ctes: string[] = []
  if (usesOrders) {
    ctes.push(`ord as (\n    ${ordersSql(ctx, currencyP(), idsP())}\n  )`)
  }
  if (aggCols.length) {
    ctes.push(`agg as (select customer_id, ${aggCols.join(", ")} from ord group by customer_id)`)
  }
  if (purchaseCtes.length) {
    ctes.push(linesCte(!!ctx.readModel), ...purchaseCtes.map((c) => c.sql))
  }
  if (usesRfm) {
    // RFM quintiles are over every customer, also when the facts are restricted to some
    if (idsP()) {
      ctes.push(`ord_all as (\n    ${ordersSql(ctx, currencyP(), null)}\n  )`)
    }
    ctes.push(...rfmCtes(idsP() ? "ord_all" : "ord", facts.nowParam()))
  }
  const joins = [
    aggCols.length ? "left join agg a on a.customer_id = c.id" : "",
    ...purchaseCtes.map(({ column }) => `left join ${column} on ${column}.customer_id = c.id`),
    usesRfm ? "left join rfm on rfm.customer_id = c.id" : "",
  ].filter(Boolean)
  ctes.push(`facts as (
    select c.id, c.email${factCols.length ? ", " + factCols.join(", ") : ""}
    from customer c
    ${joins.join("\n    ")}
    where c.deleted_at is null${idsP() ? ` and c.id = any(${idsP()})` : ""}
  )`)

  return {
    with: `with ${ctes.join(",\n  ")}`,
    predicate,
    topLevel: tops,
    leaves,
    params: p.values,
    readsOrderFacts: usesOrders && !!ctx.readModel,
  }
}
