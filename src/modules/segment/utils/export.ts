import { getAttribute } from "./attributes"
import { CompiledLeaf } from "./compile"
import { normalizeFact } from "./preview"

/** Money attributes: their facts are amounts in the segment's currency. */
const MONEY = new Set(["total_spent", "average_order_value"])

/**
 * The fact columns of a members export: one per condition of the rule tree, in the compiler's
 * order (the leaves of `compileRules`), headed in words ("Order count (last 90 days)",
 * "Average order value (GBP)"). A header used twice gets " #2", " #3"...
 */
export function exportFactHeaders(leaves: CompiledLeaf[], currency: string): string[] {
  const seen = new Map<string, number>()
  return leaves.map((leaf) => {
    const { node } = leaf
    let header = getAttribute(leaf.attribute)?.label ?? leaf.attribute
    if (node.key) {
      header += ` [${node.key}]`
    }
    if (MONEY.has(leaf.attribute)) {
      header += ` (${currency.toUpperCase()})`
    }
    if (node.window_days) {
      header += ` (last ${node.window_days} days)`
    }
    const n = (seen.get(header) ?? 0) + 1
    seen.set(header, n)
    return n > 1 ? `${header} #${n}` : header
  })
}

/**
 * A fact as an export cell: numbers rounded to 2 decimals (AOV is an average), dates as ISO 8601,
 * sets joined with "; ", a missing fact empty.
 */
export function exportFactValue(leaf: Pick<CompiledLeaf, "type">, raw: unknown): string | number | boolean | null {
  const v = normalizeFact(leaf.type, raw)
  if (v === null || v === undefined) {
    return null
  }
  if (typeof v === "number") {
    return Math.round(v * 100) / 100
  }
  if (Array.isArray(v)) {
    return v.map(String).join("; ")
  }
  if (typeof v === "boolean") {
    return v
  }
  return String(v)
}
