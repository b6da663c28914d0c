import type { DataSourceHolding } from "../../../types/plan"

export type Severity = "info" | "low" | "medium" | "high"
export type Area = "customers" | "orders" | "products" | "coverage" | "readiness"

export const SEVERITIES: Severity[] = ["info", "low", "medium", "high"]
export const AREAS: Area[] = ["customers", "orders", "products", "coverage", "readiness"]

/** What a gap prevents: segment attributes (facts), objective metrics and recommendation strategies. */
export type Blocks = {
  segment_attributes: string[]
  objective_metrics: string[]
  strategies: string[]
}

export type AuditOptions = {
  /** A customer whose last order is older than this is stale. */
  stale_days: number
  /** How many sample ids a finding keeps (at most 20). */
  sample_size: number
  /** Reference time for "stale" and "freshness" (defaults to now). */
  now: Date
  /** The segments and objectives the readiness checks judge, gathered by the audit workflow. */
  subjects?: AuditSubjects
}

/** A segment as the readiness checks see it: its rule tree (not deleted, not archived). */
export type AuditSegment = { id: string; name: string; rules: unknown }
/** An objective as the readiness checks see it: its metric (not deleted, not abandoned). */
export type AuditObjective = { id: string; name: string; metric: string }

/**
 * What other modules own and the audit judges, handed in as data (the audit reads no other
 * plugin module's tables). A list left undefined means that module is not installed: its
 * readiness check reports nothing.
 */
export type AuditSubjects = {
  segments?: AuditSegment[]
  objectives?: AuditObjective[]
  /** The plugin's read models (segment evaluations and memberships, co-purchase counts), as their modules report them. */
  read_models?: AuditReadModel[]
  /** The external systems the merchant declared on the data map (the plan module), as data. */
  declared_sources?: AuditDeclaredSource[]
}

/** A declared external system: what it holds (the Medusa source each would feed), whether and how often it syncs. */
export type AuditDeclaredSource = {
  id: string
  name: string
  holds: DataSourceHolding[]
  reaches_medusa: boolean
  sync_interval_hours: number | null
  last_synced_at: Date | string | null
}

/** A read model's size and last refresh; `never_refreshed` counts rows never refreshed. */
export type AuditReadModel = {
  name: string
  table: string
  rows: number
  refreshed_at: string | null
  never_refreshed: number
}

/** What a check gets: bound-parameter SQL, table presence, a per-run memo for shared aggregates. */
export type AuditContext = {
  query<T = Record<string, unknown>>(sql: string, bindings?: unknown[]): Promise<T[]>
  tableExists(name: string): Promise<boolean>
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>
  options: AuditOptions
  subjects: AuditSubjects
}

export type CheckResult = {
  affected: number
  total: number
  sample_ids: string[]
  details?: Record<string, unknown> | null
  /** Set by checks that report once per subject (a segment, an objective). */
  subject_id?: string | null
  subject_label?: string | null
  /** Per-subject override of what the gap blocks. */
  blocks?: Blocks
}

/** One registered check: a small unit with its metadata and one measurement. */
export type AuditCheck = {
  id: string
  title: string
  area: Area
  /** What the affected count and the sample ids are: customer, order, order_line, product, month... */
  entity: string
  /** Which admin page the sample ids link to. */
  sample_entity: "customer" | "order" | "product" | "segment" | "objective" | "none"
  severity: Severity
  measured: string
  remediation: string
  blocks: Blocks
  run(ctx: AuditContext): Promise<CheckResult | CheckResult[]>
}

export const blocks = (
  segment_attributes: string[] = [],
  objective_metrics: string[] = [],
  strategies: string[] = []
): Blocks => ({ segment_attributes, objective_metrics, strategies })
