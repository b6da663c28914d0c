import { ValueType } from "./attributes"
import { CompiledRules } from "./compile"
import { explainRules, ExplainNode } from "./explain"
import { RuleNode } from "./rules"

export type PreviewCounts = { total: number; matched: number; excluded: number[] }

export type PreviewSample = {
  customer_id: string
  email: string | null
  facts: { path: string; attribute: string; value: unknown }[]
  explanation: ExplainNode
}

export type PreviewResult = {
  count: number
  total_customers: number
  samples: PreviewSample[]
  excluded_by: { path: string; excludes: number }[]
}

/** A fact as SQL returned it, in the type its condition compares: numbers as numbers, dates as ISO strings. */
export function normalizeFact(type: ValueType, v: unknown): unknown {
  if (v === null || v === undefined) {
    return null
  }
  if (type === "number" || type === "purchase") {
    return Number(v)
  }
  if (type === "date") {
    return new Date(v as string).toISOString()
  }
  return v
}

/** The preview of compiled rules from the counts and sample rows of `previewQuery`, each sample explained. */
export function previewResult(
  tree: RuleNode,
  compiled: CompiledRules,
  counts: PreviewCounts,
  rows: Record<string, unknown>[]
): PreviewResult {
  const samples = rows.map((row) => {
    const byPath = new Map(compiled.leaves.map((l) => [l.path, normalizeFact(l.type, row[l.column])]))
    return {
      customer_id: row.id as string,
      email: (row.email as string | null) ?? null,
      facts: compiled.leaves.map((l) => ({ path: l.path, attribute: l.attribute, value: byPath.get(l.path) })),
      explanation: explainRules(tree, (p) => byPath.get(p)),
    }
  })
  return {
    count: Number(counts.matched),
    total_customers: Number(counts.total),
    samples,
    excluded_by: compiled.topLevel.map((t, i) => ({ path: t.path, excludes: Number(counts.excluded[i]) })),
  }
}
