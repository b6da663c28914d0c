import type { AdminRecommendationValidation } from "../../src/types/recommendations"
import { bestSellersCause } from "../../src/utils/quality-cause"

const pct = (x: number) => `${(x * 100).toFixed(2)}%`

/** The candidates of a validation as a table, best hit rate first, the served one and best sellers marked. */
export function formatValidation(
  v: Pick<AdminRecommendationValidation, "id" | "chosen" | "candidates" | "sufficiency" | "reason">
): string {
  const s = v.sufficiency
  const head = [
    `Recommendation validation ${v.id}`,
    s
      ? `data: ${s.orders} orders, ${s.customers} customers, ${s.products} products; ` +
        (s.sufficient
          ? `validated on the last ${s.validation_weeks} weeks (from ${s.cut?.slice(0, 10)}), ${s.test_customers} customers`
          : "too little data to validate")
      : "",
    ...(s?.cost
      ? [
          `cost: ${s.cost.purchases} purchase rows read in ${s.cost.read_seconds.toFixed(1)} s, ` +
            `validated in ${s.cost.validate_seconds.toFixed(1)} s (${s.cost.validate_cpu_seconds.toFixed(1)} s CPU)`,
        ]
      : []),
  ]
  const candidates = [...(v.candidates ?? [])].sort((a, b) => b.hit_rate - a.hit_rate || b.ndcg - a.ndcg)
  const paired = (c: (typeof candidates)[number], against: string) => {
    const p = c.paired?.find((x) => x.against === against)
    return p ? `${p.difference >= 0 ? "+" : ""}${(p.difference * 100).toFixed(2)} (p ${p.p_value.toPrecision(2)})` : ""
  }
  const defaultKey = candidates.find((c) => c.paired?.length === 2)?.paired?.[1].against ?? ""
  const rows = [
    ["", "candidate", "hit rate@10", "NDCG@10", "customers", "vs best sellers", "vs default"],
    ...candidates.map((c) => [
      c.key === v.chosen ? "=>" : "",
      c.label,
      pct(c.hit_rate),
      c.ndcg.toFixed(4),
      String(c.customers),
      paired(c, "best_sellers"),
      paired(c, defaultKey),
    ]),
  ]
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  const table = rows.map((r) => r.map((c, i) => (i >= 2 ? c.padStart(w[i]) : c.padEnd(w[i]))).join("  "))
  const cause = v.chosen === "best_sellers" && s ? bestSellersCause(s) : null
  return [
    ...head,
    "",
    ...(candidates.length ? table : []),
    "",
    `served: ${v.chosen}`,
    v.reason ?? "",
    ...(cause ? [`why: ${cause.text}${cause.check_id ? ` (data audit: ${cause.check_id})` : ""}`] : []),
  ].join("\n")
}
