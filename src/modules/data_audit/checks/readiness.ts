import { AuditCheck, blocks, CheckResult } from "./types"
import { dataGaps } from "../../plan/utils/data-gaps"
import { CUSTOMER_FLAGS, customerGaps, num, orderStats, sampleIds } from "./shared"
import {
  classifyFact,
  countMissingAny,
  CustomerGap,
  extractFacts,
  MetricEvidence,
  metricBlockers,
  METRIC_REQUIREMENTS,
} from "../utils/readiness"

/**
 * The data map's declared systems (src/modules/plan): one finding per system, affected when it
 * does not reach Medusa or is stale beyond its sync interval; what it blocks comes from the data
 * map's one definition (plan/utils/data-gaps), judged against the audit's segments and objectives.
 */
const declaredSourcesCheck: AuditCheck = {
  id: "readiness.declared_sources",
  title: "Declared systems whose data does not reach Medusa",
  area: "readiness",
  entity: "none",
  sample_entity: "none",
  severity: "medium",
  measured:
    "One finding per external system declared on the data map: affected 1 of 1 when it does not reach Medusa, or reaches it but last synced longer ago than its declared interval.",
  remediation:
    "Connect the system (an import, an integration) or keep its sync on schedule; the data map lists what it blocks.",
  blocks: blocks(),
  async run(ctx) {
    const declared = ctx.subjects.declared_sources ?? []
    if (!declared.length) {
      return []
    }
    const gaps = dataGaps({
      declared,
      detected: [],
      segments: ctx.subjects.segments ?? [],
      objectives: ctx.subjects.objectives ?? [],
      now: ctx.options.now,
    })
    return declared.map((d) => {
      const gap = gaps.find((g) => g.source_id === d.id)
      const blocked = gap?.blocks ?? []
      return {
        subject_id: d.id,
        subject_label: d.name,
        affected: gap ? 1 : 0,
        total: 1,
        sample_ids: [],
        details: gap ? { problem: gap.problem, message: gap.message, blocks: blocked } : { problem: null },
        blocks: blocks(
          [...new Set(blocked.filter((b) => b.type === "segment").flatMap((b) => b.needs))].sort(),
          [...new Set(blocked.filter((b) => b.type === "objective").flatMap((b) => b.needs))].sort(),
          blocked.filter((b) => b.type === "strategy").map((b) => b.id)
        ),
      }
    })
  },
}

export const readinessChecks: AuditCheck[] = [
  {
    id: "readiness.segment_attributes",
    title: "Segments whose attributes lack data",
    area: "readiness",
    entity: "customer",
    sample_entity: "customer",
    severity: "high",
    measured:
      "One finding per segment (not deleted, not archived): customers missing the data at least one of the segment's rule attributes needs (email, name, phone, address, or any order for order-derived facts), out of all customers.",
    remediation: "Close the listed gaps first, or rewrite the segment on attributes the store has.",
    blocks: blocks(),
    async run(ctx) {
      const segments = ctx.subjects.segments ?? []
      if (!segments.length) {
        return []
      }
      const h = await customerGaps(ctx)
      const out: CheckResult[] = []
      for (const s of segments) {
        const rules = typeof s.rules === "string" ? safeParse(s.rules) : s.rules
        const facts = extractFacts(rules).map(classifyFact)
        const gaps = [...new Set(facts.map((f) => f.gap).filter((g): g is CustomerGap => !!g))]
        const attributes = facts.map((f) => ({
          attribute: f.fact,
          gap: f.gap,
          missing: f.gap ? countMissingAny(h.rows, [f.gap]) : 0,
        }))
        const affected = countMissingAny(h.rows, gaps)
        // The flag SQL comes from CUSTOMER_FLAGS (constants), chosen by the gaps found.
        const where = gaps.map((g) => CUSTOMER_FLAGS[g]).join(" or ")
        out.push({
          subject_id: s.id,
          subject_label: s.name,
          affected,
          total: h.total,
          sample_ids: gaps.length
            ? await sampleIds(
                ctx,
                affected,
                `select c.id from customer c where c.deleted_at is null and (${where}) order by c.id`
              )
            : [],
          details: { attributes, gaps, unknown_attributes: facts.filter((f) => !f.known).map((f) => f.fact) },
          blocks: blocks(
            facts.filter((f) => f.gap).map((f) => f.fact),
            [],
            []
          ),
        })
      }
      return out
    },
  },
  {
    id: "readiness.objective_metrics",
    title: "Objectives whose metric cannot be measured",
    area: "readiness",
    entity: "objective",
    sample_entity: "objective",
    severity: "high",
    measured:
      "One finding per objective (not deleted, not abandoned): affected 1 of 1 when its metric cannot be computed from the data present (no non-canceled orders for AOV, no carts for conversion rate, no identified orders for repeat rate / revenue per customer, under 180 days of history for lifetime value).",
    remediation: "Collect the missing data (carts, accounts, history) or pick a metric the store can measure today.",
    blocks: blocks(),
    async run(ctx) {
      const objectives = ctx.subjects.objectives ?? []
      if (!objectives.length) {
        return []
      }
      const evidence = await metricEvidence(ctx)
      return objectives.map((o) => {
        const metric = o.metric
        const reasons = metricBlockers(metric, evidence)
        return {
          subject_id: o.id,
          subject_label: o.name,
          affected: reasons.length ? 1 : 0,
          total: 1,
          sample_ids: [o.id],
          details: {
            metric,
            measurable: !reasons.length,
            reasons,
            needs: METRIC_REQUIREMENTS[metric]?.needs ?? null,
            evidence,
          },
          blocks: blocks([], reasons.length ? [metric] : [], []),
        }
      })
    },
  },
  declaredSourcesCheck,
]

async function metricEvidence(ctx: Parameters<AuditCheck["run"]>[0]): Promise<MetricEvidence> {
  const o = await orderStats(ctx)
  let carts: number | null = null
  if (await ctx.tableExists("cart")) {
    const [r] = await ctx.query(`select count(*) as n from (select 1 from cart where deleted_at is null limit 1) x`)
    carts = num(r.n)
  }
  const history_days =
    o.first_order_at && o.last_order_at
      ? Math.floor((o.last_order_at.getTime() - o.first_order_at.getTime()) / 86400000)
      : 0
  return {
    orders: o.total,
    non_canceled_orders: o.non_canceled,
    identified_orders: o.identified,
    carts,
    history_days,
  }
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return null
  }
}
