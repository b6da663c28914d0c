import type { AdminDataMapResponse, DataGap, DataSourceHolding, DetectedSource } from "../../../types/plan"
import type { SourceCounts } from "../repositories/sources"
import { dataGaps, objectiveNeeds, segmentNeeds, strategyNeeds } from "./data-gaps"
import { buildPlan, PlanContext } from "./plan-document"
import { MEDUSA_SOURCE_LABELS, medusaSourceId, MedusaSourceKey } from "./sources"

/** What the plan workflow gathers from every module: the plan context, declared and detected sources, audit findings. */
export type PlanInputs = Omit<PlanContext, "gaps"> & {
  declared: {
    id: string
    name: string
    kind: string
    owner: string | null
    description: string | null
    holds: DataSourceHolding[]
    sync_method: string
    sync_interval_hours: number | null
    reaches_medusa: boolean
    last_synced_at: Date | string | null
    created_at: Date | string
    updated_at: Date | string
  }[]
  core: SourceCounts[]
  findings: { check_id: string; title: string; severity: string; entity: string; affected: number; total: number }[]
}

/** Audit finding entities and the Medusa source they are about. */
const FINDING_SOURCE: Record<string, MedusaSourceKey> = {
  customer: "customers",
  order: "orders",
  order_line: "orders",
  product: "products",
}

/** Medusa's own sources with fill rates, freshness (newest record, lag) and the latest audit's findings on each. */
export function detectedSources(inputs: Pick<PlanInputs, "core" | "findings" | "now">): DetectedSource[] {
  return inputs.core.map((c) => ({
    id: medusaSourceId(c.key),
    key: c.key,
    name: MEDUSA_SOURCE_LABELS[c.key],
    records: c.records,
    newest_record_at: c.newest_record_at ? c.newest_record_at.toISOString() : null,
    update_lag_hours: c.newest_record_at
      ? Math.round(((inputs.now.getTime() - c.newest_record_at.getTime()) / 3600000) * 10) / 10
      : null,
    attributes: Object.entries(c.filled).map(([name, filled]) => ({
      name,
      filled,
      fill_rate: c.records ? filled / c.records : null,
    })),
    findings: inputs.findings
      .filter((f) => FINDING_SOURCE[f.entity] === c.key)
      .map(({ check_id, title, severity, affected, total }) => ({ check_id, title, severity, affected, total })),
  }))
}

function gapsOf(inputs: PlanInputs): DataGap[] {
  return dataGaps({
    declared: inputs.declared,
    detected: detectedSources(inputs),
    segments: inputs.segments,
    objectives: inputs.objectives,
    now: inputs.now,
  })
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

/**
 * A workflow step's output travels as JSON (dates become strings): the builders take the
 * gathered inputs back with real dates where they compute with them.
 */
export function reviveInputs(inputs: PlanInputs): PlanInputs {
  return {
    ...inputs,
    now: new Date(inputs.now),
    core: inputs.core.map((c) => ({
      ...c,
      newest_record_at: c.newest_record_at ? new Date(c.newest_record_at) : null,
    })),
  }
}

/** The data map: detected and declared sources, what each segment, metric and strategy needs, and the gaps. */
export function buildDataMap(gathered: PlanInputs): AdminDataMapResponse {
  const inputs = reviveInputs(gathered)
  return {
    medusa_sources: detectedSources(inputs),
    declared_sources: inputs.declared.map((d) => ({
      ...d,
      kind: d.kind as AdminDataMapResponse["declared_sources"][number]["kind"],
      sync_method: d.sync_method as AdminDataMapResponse["declared_sources"][number]["sync_method"],
      last_synced_at: iso(d.last_synced_at),
      created_at: iso(d.created_at)!,
      updated_at: iso(d.updated_at)!,
    })),
    gaps: gapsOf(inputs),
    needs: {
      segments: segmentNeeds(inputs.segments),
      objectives: objectiveNeeds(inputs.objectives),
      strategies: strategyNeeds(),
    },
  }
}

/** The plan document from the gathered inputs (gaps computed from the data map). */
export function planFromInputs(gathered: PlanInputs) {
  const inputs = reviveInputs(gathered)
  return buildPlan({ ...inputs, gaps: gapsOf(inputs) })
}
