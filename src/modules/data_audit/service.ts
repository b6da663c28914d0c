import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import AuditRun from "./models/audit-run"
import AuditFinding from "./models/audit-finding"
import AuditOrderLineSummary from "./models/audit-order-line-summary"
import AuditOrderProductLine from "./models/audit-order-product-line"
import { AUDIT_CHECKS, AUDIT_CHECKS_BY_ID, AuditCheck, AuditSubjects, Severity } from "./checks"
import { DEFAULT_OPTIONS, FindingInput, runChecks } from "./checks/runner"
import { PRODUCT_SETS, STRATEGY_NEEDS } from "./checks/shared"
import { computeScores, countBySeverity } from "./utils/score"
import { runSql } from "../../utils/sql"
import * as orderLines from "./repositories/order-line-summary"
import { refuseUnknownPluginOptions } from "../../utils/plugin-options"

export type AuditRunOptions = { stale_days?: number; sample_size?: number; check_ids?: string[] }

export type OrderLinesSync = orderLines.OrderLinesSync & { took_ms: number }

export type ProductGap = {
  check_id: string
  title: string
  severity: Severity
  remediation: string
  blocks: AuditCheck["blocks"]
}

class DataAuditModuleService extends MedusaService({
  AuditRun,
  AuditFinding,
  AuditOrderLineSummary,
  AuditOrderProductLine,
}) {
  constructor(container: Record<string, unknown>, options?: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // A misspelt plugin option stops startup here (Medusa constructs every module's service while booting).
    refuseUnknownPluginOptions(options)
  }

  /**
   * Runs every registered check (or `options.check_ids`) for a pending run: stores each check's
   * findings as it goes, keeps `checks_done`/`current_check` current for progress, then stores the
   * scores and completes the run. `subjects` are the segments and objectives the readiness checks
   * judge (gathered by the audit workflow from their modules); without them those checks report nothing.
   */
  @InjectManager()
  async executeAuditRun(runId: string, subjects: AuditSubjects = {}, @MedusaContext() sharedContext: Context = {}) {
    const run = await this.retrieveAuditRun(runId, {}, sharedContext)
    if (run.status !== "pending") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Audit run ${runId} is ${run.status}, not pending`)
    }
    const stored = (run.options ?? {}) as AuditRunOptions
    const checks = stored.check_ids?.length
      ? stored.check_ids.map((id) => AUDIT_CHECKS_BY_ID[id]).filter((c): c is AuditCheck => !!c)
      : AUDIT_CHECKS
    const started = new Date()
    await this.updateAuditRuns(
      { id: runId, status: "running", started_at: started, checks_total: checks.length, checks_done: 0 },
      sharedContext
    )
    const knex = (sharedContext.manager as SqlEntityManager).getKnex()
    // The read model first (in its own transaction); the checks read it only if it is still
    // current in their snapshot, else they scan the lines. A store without order tables has nothing to sync.
    const [{ orders }] = await runSql<{ orders: string | null }>(knex, `select to_regclass('"order"')::text as orders`)
    const sync = orders ? await this.syncOrderLines(sharedContext) : null
    const all: FindingInput[] = []
    await runChecks(
      knex,
      checks,
      {
        stale_days: stored.stale_days ?? DEFAULT_OPTIONS.stale_days,
        sample_size: stored.sample_size ?? DEFAULT_OPTIONS.sample_size,
        now: started,
        subjects,
      },
      async (check, findings, index) => {
        all.push(...findings)
        if (findings.length) {
          await this.createAuditFindings(
            // `model.json()` is typed as an object; this json column holds the array of ids
            findings.map((f) => ({
              ...f,
              sample_ids: f.sample_ids as unknown as Record<string, unknown>,
              run_id: runId,
            })),
            sharedContext
          )
        }
        await this.updateAuditRuns({ id: runId, checks_done: index + 1, current_check: check.id }, sharedContext)
      }
    )
    const { score, area_scores } = computeScores(all)
    const finished = new Date()
    return await this.updateAuditRuns(
      {
        id: runId,
        status: "completed",
        finished_at: finished,
        current_check: null,
        score,
        area_scores,
        summary: {
          findings: all.length,
          with_affected: all.filter((f) => f.affected > 0).length,
          by_severity: countBySeverity(all),
          duration_ms: finished.getTime() - started.getTime(),
          read_model_sync: sync,
        },
      },
      sharedContext
    )
  }

  /**
   * Brings the audit read model up to date with the orders: nothing when it is current, the stale
   * orders' rows when there are few, else a rebuild from every order (the backfill; statistics
   * refreshed after it commits).
   */
  @InjectManager()
  async syncOrderLines(@MedusaContext() sharedContext: Context = {}): Promise<OrderLinesSync> {
    const result = await this.syncOrderLines_(sharedContext)
    if (result.mode === "rebuilt") {
      await orderLines.vacuumOrderLines(sharedContext.manager)
    }
    return result
  }

  @InjectTransactionManager()
  protected async syncOrderLines_(@MedusaContext() sharedContext: Context = {}): Promise<OrderLinesSync> {
    const started = Date.now()
    const result = await orderLines.syncOrderLines(sharedContext.transactionManager)
    return { ...result, took_ms: Date.now() - started }
  }

  /** Rebuilds the audit read model from every placed order (nightly job, after an import). */
  @InjectManager()
  async rebuildOrderLines(@MedusaContext() sharedContext: Context = {}): Promise<OrderLinesSync> {
    const result = await this.rebuildOrderLines_(sharedContext)
    await orderLines.vacuumOrderLines(sharedContext.manager)
    return result
  }

  @InjectTransactionManager()
  protected async rebuildOrderLines_(@MedusaContext() sharedContext: Context = {}): Promise<OrderLinesSync> {
    const started = Date.now()
    const orders = await orderLines.rebuildOrderLines(sharedContext.transactionManager)
    return { mode: "rebuilt", orders, took_ms: Date.now() - started }
  }

  /** Brings these orders' read-model rows up to date (the order subscriber); idempotent. */
  @InjectManager()
  async refreshOrderLines(orderIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const ids = [...new Set(orderIds.filter(Boolean))]
    return ids.length ? await this.refreshOrderLines_(ids, sharedContext) : 0
  }

  @InjectTransactionManager()
  protected async refreshOrderLines_(orderIds: string[], @MedusaContext() sharedContext: Context = {}) {
    return await orderLines.refreshOrderLines(sharedContext.transactionManager, orderIds)
  }

  /** Up to `limit` orders whose read-model rows are stale (none: the audit reads the read model). */
  @InjectManager()
  async listStaleOrderLines(limit = 100, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return await orderLines.staleOrderIds(sharedContext.manager, limit)
  }

  /** Marks a run failed and removes its partial findings. */
  @InjectManager()
  async failAuditRun(runId: string, error: string, @MedusaContext() sharedContext: Context = {}) {
    const findings = await this.listAuditFindings({ run_id: runId }, { select: ["id"] }, sharedContext)
    if (findings.length) {
      await this.deleteAuditFindings(
        findings.map((f) => f.id),
        sharedContext
      )
    }
    return await this.updateAuditRuns(
      { id: runId, status: "failed", finished_at: new Date(), current_check: null, error },
      sharedContext
    )
  }

  /** One check's findings over completed runs, oldest first (optionally for one subject). */
  @InjectManager()
  async listCheckTrend(
    checkId: string,
    { limit = 30, subject_id }: { limit?: number; subject_id?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const findings = await this.listAuditFindings(
      { check_id: checkId, ...(subject_id ? { subject_id } : {}), run: { status: "completed" } },
      { relations: ["run"], order: { created_at: "DESC" }, take: limit },
      sharedContext
    )
    return findings.reverse().map((f) => ({
      run_id: f.run_id,
      finished_at: f.run?.finished_at ?? null,
      run_score: f.run?.score ?? null,
      subject_id: f.subject_id,
      affected: f.affected,
      total: f.total,
      share: f.share,
    }))
  }

  /** The product-level checks evaluated for one product, now (not from a stored run). */
  @InjectManager()
  async getProductGaps(productId: string, @MedusaContext() sharedContext: Context = {}): Promise<ProductGap[]> {
    const [row] = await runSql<Record<string, unknown>>(
      sharedContext.manager,
      `with ${PRODUCT_SETS.replace("PRODUCT_FILTER", "and p.id = ?")} select * from f`,
      [productId]
    )
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${productId} was not found`)
    }
    const gaps: ProductGap[] = []
    for (const check of AUDIT_CHECKS.filter((c) => c.area === "products")) {
      const flag = check.id.slice("products.".length)
      const failing =
        flag === "unusable_by_strategies"
          ? !row.non_product && Object.values(STRATEGY_NEEDS).every((need) => row.not_sellable || row[need])
          : row[flag] === true
      if (failing) {
        gaps.push({
          check_id: check.id,
          title: check.title,
          severity: check.severity,
          remediation: check.remediation,
          blocks: check.blocks,
        })
      }
    }
    return gaps
  }
}

export default DataAuditModuleService
