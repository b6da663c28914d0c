import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import Segment from "./models/segment"
import SegmentMembership from "./models/segment-membership"
import SegmentVersion from "./models/segment-version"
import SegmentOrderFact from "./models/segment-order-fact"
import { placedOrder } from "../../utils/counted-order"
import {
  assertValidRuleTree,
  compileRules,
  CompiledRules,
  explainRules,
  ExplainNode,
  membersQuery,
  membershipSql,
  previewQuery,
  RuleNode,
  SqlQuery,
  toKnexBindings,
  orderFactsSelect,
  ORDER_FACT_COLUMNS,
  REBUILD_ORDER_FACTS_SQL,
  ValueType,
} from "./utils"

type Row = Record<string, unknown>
type SqlRunner = { execute: (sql: string, params?: unknown[]) => Promise<Row[]> }

export type SegmentRecord = {
  id: string
  name: string
  handle: string
  status: "draft" | "active" | "archived"
  priority: number
  exclusive: boolean
  currency_code: string
  include_guest_orders: boolean
  rules: unknown
  created_at: Date | string
}

export type PreviewInput = {
  rules: unknown
  currency_code: string
  include_guest_orders?: boolean
  now?: Date
  sample_size?: number
}

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

export type EvaluationResult = {
  segment_id: string
  entered: number
  exited: number
  member_count: number
  evaluated_at: Date
  /** Set when this segment's evaluation failed: its membership was left as it was. */
  error?: string
}

const DEFAULT_SAMPLE = 20

async function run(manager: unknown, q: SqlQuery): Promise<Row[]> {
  const { sql, params } = toKnexBindings(q)
  return (manager as SqlRunner).execute(sql, params)
}

function normalizeFact(type: ValueType, v: unknown): unknown {
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

/** Segment precedence among exclusive segments: priority desc, then oldest first. */
function byPrecedence(a: SegmentRecord, b: SegmentRecord): number {
  if (b.priority !== a.priority) {
    return b.priority - a.priority
  }
  const ta = new Date(a.created_at).getTime()
  const tb = new Date(b.created_at).getTime()
  return ta !== tb ? ta - tb : a.id < b.id ? -1 : 1
}

class SegmentModuleService extends MedusaService({
  Segment,
  SegmentMembership,
  SegmentVersion,
  SegmentOrderFact,
}) {
  /** Validates and compiles a rule tree for a currency (throws INVALID_DATA naming each bad path). */
  compile(
    rules: unknown,
    opts: { currency_code: string; include_guest_orders?: boolean; now?: Date; customer_ids?: string[] }
  ): { tree: RuleNode; compiled: CompiledRules } {
    const tree = assertValidRuleTree(rules ?? { type: "all", conditions: [] })
    const compiled = compileRules(tree, {
      now: opts.now ?? new Date(),
      currency: opts.currency_code,
      includeGuestOrders: opts.include_guest_orders,
      customerIds: opts.customer_ids,
      readModel: true,
    })
    return { tree, compiled }
  }

  /**
   * Rebuilds the read model `segment_order_fact` from Medusa's order tables in one
   * transaction (readers see the old facts until it commits).
   */
  @InjectManager()
  async rebuildOrderFacts(@MedusaContext() sharedContext: Context = {}): Promise<{ orders: number; took_ms: number }> {
    const result = await this.rebuildOrderFacts_(sharedContext)
    // Fresh statistics and visibility map, so evaluation can use the covering index (index-only scan).
    await run(sharedContext.manager, { sql: "vacuum analyze segment_order_fact", params: [] })
    return result
  }

  @InjectTransactionManager()
  protected async rebuildOrderFacts_(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ orders: number; took_ms: number }> {
    const started = Date.now()
    const manager = sharedContext.transactionManager
    await run(manager, { sql: "select pg_advisory_xact_lock(hashtext($1))", params: ["segment:order-facts"] })
    for (const sql of REBUILD_ORDER_FACTS_SQL) {
      await run(manager, { sql, params: [] })
    }
    const [row] = await run(manager, { sql: "select count(*)::int as n from segment_order_fact", params: [] })
    return { orders: Number(row.n), took_ms: Date.now() - started }
  }

  /**
   * Brings the facts of these orders up to date (insert, update, or delete when the
   * order is gone/draft). Idempotent: a replay writes nothing.
   */
  @InjectManager()
  async upsertOrderFacts(orderIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const ids = Array.from(new Set(orderIds.filter(Boolean)))
    if (!ids.length) {
      return
    }
    await this.upsertFacts_(
      `and o.id = any(array(select jsonb_array_elements_text($1::jsonb)))`,
      [JSON.stringify(ids)],
      ids,
      sharedContext
    )
  }

  @InjectTransactionManager()
  protected async upsertFacts_(
    where: string,
    params: unknown[],
    deleteIds: string[] | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager
    if (deleteIds) {
      await run(manager, {
        sql: `delete from segment_order_fact f where f.order_id = any(array(select jsonb_array_elements_text($1::jsonb))) and not exists (
            select 1 from "order" o where o.id = f.order_id and ${placedOrder("o")}
          )`,
        params: [JSON.stringify(deleteIds)],
      })
    }
    await run(manager, {
      sql: `insert into segment_order_fact ${ORDER_FACT_COLUMNS} ${orderFactsSelect(where)}
        on conflict (order_id) where deleted_at is null do update set
          customer_id = excluded.customer_id, email = excluded.email, currency_code = excluded.currency_code,
          ordered_at = excluded.ordered_at, item_total = excluded.item_total, raw_item_total = excluded.raw_item_total,
          canceled = excluded.canceled, updated_at = now()
        where (segment_order_fact.customer_id, segment_order_fact.email, segment_order_fact.currency_code,
          segment_order_fact.ordered_at, segment_order_fact.item_total, segment_order_fact.canceled)
          is distinct from (excluded.customer_id, excluded.email, excluded.currency_code,
          excluded.ordered_at, excluded.item_total, excluded.canceled)`,
      params,
    })
  }

  /**
   * Adds the facts of orders the read model does not hold yet (orders written
   * without events, e.g. by the importer or by services directly). Cheap when
   * nothing is missing; called before every full evaluation (and a preview on an empty read model).
   */
  @InjectManager()
  async syncMissingOrderFacts(@MedusaContext() sharedContext: Context = {}): Promise<void> {
    await run(sharedContext.manager, {
      sql: `insert into segment_order_fact ${ORDER_FACT_COLUMNS} ${orderFactsSelect(
        "and not exists (select 1 from segment_order_fact f where f.order_id = o.id and f.deleted_at is null)"
      )}
        on conflict (order_id) where deleted_at is null do nothing`,
      params: [],
    })
  }

  /** Counts, 20 explained sample members and per top-level condition exclusions, without saving anything. */
  @InjectManager()
  async preview(input: PreviewInput, @MedusaContext() sharedContext: Context = {}): Promise<PreviewResult> {
    const { tree, compiled } = this.compile(input.rules, input)
    if (compiled.readsOrderFacts) {
      // Previews must stay fast: only an empty read model is filled here (full evaluations
      // and the hourly job catch up on every missing order).
      const [state] = await run(sharedContext.manager, {
        sql: `select exists (select 1 from segment_order_fact) as built`,
        params: [],
      })
      if (!state.built) {
        await this.syncMissingOrderFacts(sharedContext)
      }
    }
    const [result] = await run(sharedContext.manager, previewQuery(compiled, input.sample_size ?? DEFAULT_SAMPLE))
    const counts = result.counts as { total: number; matched: number; excluded: number[] }
    const rows = (result.samples ?? []) as Row[]
    const samples = rows.map((row) => {
      const byPath = new Map(compiled.leaves.map((l) => [l.path, normalizeFact(l.type, row[l.column])]))
      return {
        customer_id: row.id as string,
        email: (row.email as string) ?? null,
        facts: compiled.leaves.map((l) => ({
          path: l.path,
          attribute: l.attribute,
          value: byPath.get(l.path),
        })),
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

  /**
   * Re-evaluates a segment against all customers and materializes its membership
   * (entered/exited history) in one transaction: a failure anywhere leaves the
   * previous membership intact. Evaluating an exclusive segment also re-evaluates
   * the exclusive segments below it, so the highest precedence wins.
   */
  @InjectManager()
  async evaluateSegment(
    segmentId: string,
    opts: { now?: Date } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EvaluationResult[]> {
    await this.syncMissingOrderFacts(sharedContext)
    try {
      return await this.evaluateSegment_(segmentId, opts.now ?? new Date(), sharedContext)
    } catch (e) {
      await this.markEvaluationFailed(segmentId, e, sharedContext)
      throw e
    }
  }

  @InjectTransactionManager()
  protected async evaluateSegment_(
    segmentId: string,
    now: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EvaluationResult[]> {
    const segment = (await this.retrieveSegment(segmentId, {}, sharedContext)) as unknown as SegmentRecord
    let chain: SegmentRecord[] = [segment]
    if (segment.exclusive && segment.status === "active") {
      const exclusive = (
        (await this.listSegments(
          { exclusive: true, status: "active" },
          {},
          sharedContext
        )) as unknown as SegmentRecord[]
      ).sort(byPrecedence)
      const at = exclusive.findIndex((s) => s.id === segment.id)
      chain = exclusive.slice(at)
    }
    const results: EvaluationResult[] = []
    for (const s of chain) {
      results.push(await this.applyMembership_(s, now, undefined, sharedContext))
    }
    return results
  }

  /** Re-evaluates every active segment (each in its own transaction, exclusive ones in precedence order). */
  @InjectManager()
  async evaluateActiveSegments(
    opts: { now?: Date } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EvaluationResult[]> {
    const active = (
      (await this.listSegments({ status: "active" }, {}, sharedContext)) as unknown as SegmentRecord[]
    ).sort(byPrecedence)
    if (active.length) {
      await this.syncMissingOrderFacts(sharedContext)
    }
    const results: EvaluationResult[] = []
    for (const s of active) {
      const now = opts.now ?? new Date()
      try {
        results.push(...(await this.evaluateSegment_(s.id, now, sharedContext)).slice(0, 1))
      } catch (e) {
        // one unevaluable segment never stops the others: it is marked, and retried on the next run
        results.push(await this.markEvaluationFailed(s.id, e, sharedContext))
      }
    }
    return results
  }

  /**
   * Records why a segment's evaluation failed (shown in the admin) outside the failed transaction.
   * The membership stays as the last successful evaluation left it.
   */
  @InjectManager()
  async markEvaluationFailed(
    segmentId: string,
    error: unknown,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EvaluationResult> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000) || "unknown error"
    const [row] = await run(sharedContext.manager, {
      sql: `update segment set last_error = $2, last_error_at = now(), error_count = error_count + 1
        where id = $1 returning member_count`,
      params: [segmentId, message],
    })
    return {
      segment_id: segmentId,
      entered: 0,
      exited: 0,
      member_count: Number(row?.member_count ?? 0),
      evaluated_at: new Date(),
      error: message,
    }
  }

  /** Re-evaluates the given customers against every active segment (after an order or a profile change). */
  @InjectManager()
  async evaluateCustomers(
    customerIds: string[],
    opts: { now?: Date } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EvaluationResult[]> {
    const ids = Array.from(new Set(customerIds.filter(Boolean)))
    if (!ids.length) {
      return []
    }
    // The facts of these customers' own orders, fresh (catches orders written without events).
    await this.upsertFacts_(
      `and o.customer_id = any(array(select jsonb_array_elements_text($1::jsonb)))`,
      [JSON.stringify(ids)],
      null,
      sharedContext
    )
    const now = opts.now ?? new Date()
    const active = (
      (await this.listSegments({ status: "active" }, {}, sharedContext)) as unknown as SegmentRecord[]
    ).sort(byPrecedence)
    const results: EvaluationResult[] = []
    for (const s of active) {
      // each segment in its own transaction: a failing one is marked and the others still update
      try {
        results.push(await this.applyMembership_(s, now, ids, { ...sharedContext, transactionManager: undefined }))
      } catch (e) {
        results.push(await this.markEvaluationFailed(s.id, e, sharedContext))
      }
    }
    return results
  }

  /**
   * The customers whose facts an order touches: its customer, and with guest
   * attribution the registered customers sharing its email.
   */
  @InjectManager()
  async customersAffectedByOrder(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const rows = await run(sharedContext.manager, {
      sql: `select o.customer_id as id from "order" o where o.id = $1 and o.customer_id is not null
        union
        select c.id from "order" o join customer c on lower(c.email) = lower(o.email)
        where o.id = $1 and o.email is not null and c.has_account = true and c.deleted_at is null`,
      params: [orderId],
    })
    return rows.map((r) => r.id as string)
  }

  @InjectTransactionManager()
  protected async applyMembership_(
    segment: SegmentRecord,
    now: Date,
    customerIds: string[] | undefined,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EvaluationResult> {
    const manager = sharedContext.transactionManager
    await run(manager, { sql: "select pg_advisory_xact_lock(hashtext($1))", params: [`segment:${segment.id}`] })
    const { compiled } = this.compile(segment.rules, {
      currency_code: segment.currency_code,
      include_guest_orders: segment.include_guest_orders,
      now,
      customer_ids: customerIds,
    })
    let excludeSegmentIds: string[] = []
    if (segment.exclusive) {
      const above = (
        (await this.listSegments(
          { exclusive: true, status: "active" },
          {},
          sharedContext
        )) as unknown as SegmentRecord[]
      ).sort(byPrecedence)
      const idx = above.findIndex((s) => s.id === segment.id)
      excludeSegmentIds = (idx === -1 ? above.filter((s) => byPrecedence(s, segment) < 0) : above.slice(0, idx)).map(
        (s) => s.id
      )
    }
    const statement = membershipSql(membersQuery(compiled), {
      segmentId: segment.id,
      at: now,
      excludeSegmentIds,
      customerIds,
    })
    const [row] = await run(manager, statement)
    const [countRow] = await run(manager, {
      sql: `update segment set member_count = (
          select count(*) from segment_membership where segment_id = $1 and exited_at is null and deleted_at is null
        )${
          customerIds
            ? ""
            : ", last_evaluated_at = $2::timestamptz, last_error = null, last_error_at = null, error_count = 0"
        }, updated_at = updated_at
        where id = $1 returning member_count`,
      params: customerIds ? [segment.id] : [segment.id, now.toISOString()],
    })
    return {
      segment_id: segment.id,
      entered: Number(row.entered),
      exited: Number(row.exited),
      member_count: Number(countRow?.member_count ?? 0),
      evaluated_at: now,
    }
  }

  /**
   * Replaces a segment's rule tree as a whole (the generic update merges JSON
   * objects, which would mix the old and the new tree). No validation here:
   * callers validate on write.
   */
  @InjectTransactionManager()
  async replaceRules(segmentId: string, rules: unknown, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await run(sharedContext.transactionManager, {
      sql: "update segment set rules = $1::jsonb, updated_at = now() where id = $2",
      params: [rules === null || rules === undefined ? null : JSON.stringify(rules), segmentId],
    })
  }

  /** Ends every current membership of a segment (on delete). */
  @InjectTransactionManager()
  async closeMemberships(segmentId: string, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const rows = await run(sharedContext.transactionManager, {
      sql: `update segment_membership set exited_at = now(), updated_at = now()
        where segment_id = $1 and exited_at is null and deleted_at is null returning id`,
      params: [segmentId],
    })
    await run(sharedContext.transactionManager, {
      sql: "update segment set member_count = 0 where id = $1",
      params: [segmentId],
    })
    return rows.length
  }

  /** The segments a customer is a member of now, with when they entered. */
  @InjectManager()
  async listCustomerSegments(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<
    {
      id: string
      name: string
      handle: string
      status: string
      priority: number
      exclusive: boolean
      entered_at: Date
    }[]
  > {
    const rows = await run(sharedContext.manager, {
      sql: `select s.id, s.name, s.handle, s.status, s.priority, s.exclusive, m.entered_at
        from segment_membership m join segment s on s.id = m.segment_id and s.deleted_at is null
        where m.customer_id = $1 and m.exited_at is null and m.deleted_at is null
        order by s.priority desc, s.name`,
      params: [customerId],
    })
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      handle: r.handle as string,
      status: r.status as string,
      priority: Number(r.priority),
      exclusive: Boolean(r.exclusive),
      entered_at: r.entered_at as Date,
    }))
  }

  /** Current members shared by every pair of segments (including each segment with itself: its size). */
  @InjectManager()
  async overlapMatrix(
    filter: { segment_ids?: string[] } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ segment_id: string; other_segment_id: string; count: number }[]> {
    const ids = filter.segment_ids?.length ? filter.segment_ids : null
    const rows = await run(sharedContext.manager, {
      sql: `select a.segment_id, b.segment_id as other_segment_id, count(*)::int as count
        from segment_membership a
        join segment_membership b on b.customer_id = a.customer_id and b.exited_at is null and b.deleted_at is null
        join segment sa on sa.id = a.segment_id and sa.deleted_at is null
        join segment sb on sb.id = b.segment_id and sb.deleted_at is null
        where a.exited_at is null and a.deleted_at is null
          ${ids ? "and a.segment_id = any(array(select jsonb_array_elements_text($1::jsonb)))" : ""}
        group by a.segment_id, b.segment_id
        order by a.segment_id, b.segment_id`,
      params: ids ? [JSON.stringify(ids)] : [],
    })
    return rows.map((r) => ({
      segment_id: r.segment_id as string,
      other_segment_id: r.other_segment_id as string,
      count: Number(r.count),
    }))
  }

  /** Records a version snapshot of a segment definition (who and when). */
  @InjectTransactionManager()
  async recordVersion(
    segmentId: string,
    actorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; version: number }> {
    const segment = (await this.retrieveSegment(segmentId, {}, sharedContext)) as unknown as SegmentRecord & {
      description: string | null
      owner_id: string | null
      metadata: unknown
    }
    const [last] = await run(sharedContext.transactionManager, {
      sql: "select coalesce(max(version), 0)::int as v from segment_version where segment_id = $1",
      params: [segmentId],
    })
    const version = Number(last.v) + 1
    const definition = {
      name: segment.name,
      handle: segment.handle,
      description: segment.description,
      owner_id: segment.owner_id,
      status: segment.status,
      priority: segment.priority,
      exclusive: segment.exclusive,
      currency_code: segment.currency_code,
      include_guest_orders: segment.include_guest_orders,
      rules: segment.rules,
      metadata: segment.metadata,
    }
    const created = await this.createSegmentVersions(
      { segment_id: segmentId, version, actor_id: actorId, definition },
      sharedContext
    )
    await this.updateSegments({ id: segmentId, version }, sharedContext)
    return { id: created.id, version }
  }

  /** Fails with NOT_FOUND unless the segment exists (helper for routes). */
  @InjectManager()
  async assertSegment(id: string, @MedusaContext() sharedContext: Context = {}) {
    const [s] = await this.listSegments({ id }, { take: 1 }, sharedContext)
    if (!s) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Segment with id "${id}" was not found`)
    }
    return s
  }
}

export default SegmentModuleService
