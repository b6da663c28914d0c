import { extractFacts } from "../../data_audit/utils/readiness"
import type { BlockedItem, DataGap, DataSourceHolding, MedusaSourceKeyWire } from "../../../types/plan"
import { MedusaSourceKey, METRIC_SOURCES, sourcesForFact, STRATEGIES, STRATEGY_SOURCES } from "./sources"

export type GapSegment = { id: string; name: string; rules: unknown }
export type GapObjective = { id: string; name: string; metric: string }
export type GapDeclaredSource = {
  id: string
  name: string
  holds: DataSourceHolding[]
  reaches_medusa: boolean
  sync_interval_hours: number | null
  last_synced_at: Date | string | null
}
export type GapDetectedSource = {
  id: string
  key: MedusaSourceKeyWire
  name: string
  records: number
  newest_record_at?: string | null
}

/** How far past now a newest record may be dated before it counts as future-dated (clock skew). */
export const FUTURE_TOLERANCE_HOURS = 1

/** Each segment's attributes and the Medusa sources each reads. */
export function segmentNeeds(segments: GapSegment[]) {
  return segments.map((s) => ({
    id: s.id,
    name: s.name,
    attributes: extractFacts(s.rules).map((attribute) => ({ attribute, sources: sourcesForFact(attribute) })),
  }))
}

export function objectiveNeeds(objectives: GapObjective[]) {
  return objectives.map((o) => ({ id: o.id, name: o.name, metric: o.metric, sources: METRIC_SOURCES[o.metric] ?? [] }))
}

export function strategyNeeds() {
  return STRATEGIES.map((strategy) => ({ strategy, sources: STRATEGY_SOURCES[strategy] }))
}

/** Everything that reads any of `keys`: segments by attribute, objectives by metric, strategies. */
export function blockedBy(keys: MedusaSourceKey[], segments: GapSegment[], objectives: GapObjective[]): BlockedItem[] {
  const hit = (sources: string[]) => sources.filter((s) => keys.includes(s as MedusaSourceKey))
  const out: BlockedItem[] = []
  for (const s of segmentNeeds(segments)) {
    const needs = [...new Set(s.attributes.filter((a) => hit(a.sources).length).map((a) => a.attribute))]
    if (needs.length) out.push({ type: "segment", id: s.id, label: s.name, needs })
  }
  for (const o of objectiveNeeds(objectives)) {
    if (hit(o.sources).length) out.push({ type: "objective", id: o.id, label: o.name, needs: [o.metric] })
  }
  for (const s of strategyNeeds()) {
    if (hit(s.sources).length) out.push({ type: "strategy", id: s.strategy, label: s.strategy, needs: hit(s.sources) })
  }
  return out
}

/** How a declared source is late: stale when its last sync is older than its interval (never synced counts). */
export function isStale(source: GapDeclaredSource, now: Date): boolean {
  if (!source.reaches_medusa || !source.sync_interval_hours) return false
  if (!source.last_synced_at) return true
  return now.getTime() - new Date(source.last_synced_at).getTime() > source.sync_interval_hours * 3600000
}

const holdingsInWords = (holds: DataSourceHolding[]) => holds.map((h) => `${h.what} missing from ${h.feeds}`).join("; ")

/**
 * The data gaps: a declared system that does not reach Medusa, or is stale beyond its sync
 * interval, blocks what reads the sources it would feed; a detected Medusa source with no records,
 * or whose newest record is dated after now (a wrong clock or an import in the wrong time zone:
 * every "last N days" window then counts it wrong), blocks what reads it. In declared order, then
 * detected.
 */
export function dataGaps(input: {
  declared: GapDeclaredSource[]
  detected: GapDetectedSource[]
  segments: GapSegment[]
  objectives: GapObjective[]
  now: Date
}): DataGap[] {
  const gaps: DataGap[] = []
  for (const d of input.declared) {
    const holds = Array.isArray(d.holds) ? d.holds : []
    const keys = [...new Set(holds.map((h) => h.feeds))]
    if (!d.reaches_medusa) {
      gaps.push({
        source_id: d.id,
        source_name: d.name,
        problem: "not_reaching",
        message: `${d.name} does not reach Medusa: ${holdingsInWords(holds) || "what it holds is not in Medusa"}`,
        blocks: blockedBy(keys, input.segments, input.objectives),
      })
    } else if (isStale(d, input.now)) {
      const last = d.last_synced_at ? new Date(d.last_synced_at).toISOString() : "never"
      gaps.push({
        source_id: d.id,
        source_name: d.name,
        problem: "stale",
        message: `${d.name} last synced ${last}, beyond its ${d.sync_interval_hours} h interval: ${holdingsInWords(holds)}`,
        blocks: blockedBy(keys, input.segments, input.objectives),
      })
    }
  }
  for (const s of input.detected) {
    if (s.records === 0) {
      gaps.push({
        source_id: s.id,
        source_name: s.name,
        problem: "empty",
        message: `${s.name}: no records in Medusa`,
        blocks: blockedBy([s.key], input.segments, input.objectives),
      })
    } else if (s.newest_record_at) {
      const ahead = (new Date(s.newest_record_at).getTime() - input.now.getTime()) / 3600000
      if (ahead > FUTURE_TOLERANCE_HOURS) {
        gaps.push({
          source_id: s.id,
          source_name: s.name,
          problem: "future_dated",
          message:
            `${s.name}: the newest record is dated ${s.newest_record_at}, ${Math.round(ahead * 10) / 10} h after now; ` +
            `"last N days" windows count such records wrong (check the server clock or the import's time zone)`,
          blocks: blockedBy([s.key], input.segments, input.objectives),
        })
      }
    }
  }
  return gaps
}
