import type { DataSourceHolding } from "../../../types/plan"
import type { CustomerGapHistogram, LineStats, OrderStats, ProductPass } from "./shared"

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
  /**
   * Where the aggregates come from: `read_model` (default: the scans, with the line counts and
   * repurchase cycles from the audit read model while it is current), `scans` (one scan per table
   * per run) or `previous` (the per-check queries before the scans). The last two are kept callable
   * so `npm run bench:audit` measures all three in one run. All give the same findings.
   */
  implementation?: AuditImplementation
}

export type AuditImplementation = "read_model" | "scans" | "previous"

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
  /**
   * The recommendation module's paired-product counts as its latest co-purchase pass left them;
   * null when no pass has counted them yet (undefined: the module is not installed).
   */
  co_purchase?: AuditCoPurchase | null
}

/** Products with co-purchase counts and those with a neighbour bought with them by `min_support` customers or more. */
export type AuditCoPurchase = {
  products: number
  paired_products: number
  min_support: number
  /** The pass that counted them (full rebuild or incremental) and when it ended (ISO). */
  pass: "full" | "incremental"
  counted_at: string
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

/** What a check gets: bound-parameter SQL, table presence, a per-run memo, the aggregates' source. */
export type AuditContext = {
  query<T = Record<string, unknown>>(sql: string, bindings?: unknown[]): Promise<T[]>
  tableExists(name: string): Promise<boolean>
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>
  options: AuditOptions
  subjects: AuditSubjects
  source: AuditSource
}

/** A share of guest orders or customers found by one aggregate, with its first sample ids. */
export type CountWithSample = { affected: number; total: number; sample_ids: string[] }

/** One product with enough buyers for the repurchase check (`products.repurchase_cycles`). */
export type RepurchaseRow = {
  product_id: string
  title: string
  buyers: number
  rebuyers: number
  intervals: number
  median_interval_days: number | null
  current_window: string | null
}

/**
 * The aggregates the checks read, each computed at most once per run (memoized in the context).
 * Samples are ordered as each check states (by id, guests newest first, months ascending).
 */
export type AuditSource = {
  customerGaps(ctx: AuditContext): Promise<CustomerGapHistogram>
  orderStats(ctx: AuditContext): Promise<OrderStats>
  /** Orders per lower-cased currency, most orders first (ties by currency). */
  currencies(ctx: AuditContext): Promise<{ currency: string; orders: number }[]>
  /** Guest orders, newest first. */
  guestOrderSample(ctx: AuditContext): Promise<string[]>
  /** Guest orders whose normalized email is a registered customer's; `customers`: how many customers. */
  orphanedGuestOrders(ctx: AuditContext): Promise<{ affected: number; customers: number; sample_ids: string[] }>
  /** Registered customers sharing a normalized email, out of registered customers with an email. */
  duplicateEmails(ctx: AuditContext): Promise<CountWithSample>
  /** Calendar months (UTC) without orders between the first and the last order. */
  emptyMonths(ctx: AuditContext): Promise<CountWithSample>
  lineStats(ctx: AuditContext): Promise<LineStats>
  /** Live products with at least `REPURCHASE_THRESHOLDS.min_buyers` buyers in counted orders. */
  repurchaseProducts(ctx: AuditContext): Promise<RepurchaseRow[]>
  productStats(ctx: AuditContext): Promise<ProductPass>
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
