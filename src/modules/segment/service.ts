import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import Segment from "./models/segment"
import SegmentMembership from "./models/segment-membership"
import SegmentVersion from "./models/segment-version"
import SegmentOrderFact from "./models/segment-order-fact"
import SegmentGroupSync from "./models/segment-group-sync"
import {
  assertValidRuleTree,
  byPrecedence,
  compileRules,
  CompiledRules,
  evaluationChain,
  exportFactHeaders,
  exportFactValue,
  higherExclusive,
  PreviewResult,
  previewResult,
  RuleNode,
} from "./utils"
import * as orderFacts from "./repositories/order-facts"
import * as memberships from "./repositories/membership"
import * as segments from "./repositories/segment"
import { applyMembership, runFacts, runPreview } from "./repositories/evaluation"
import type {
  CustomerSegment,
  EvaluationResult,
  MembersWithFacts,
  MembershipTrend,
  PreviewInput,
  ProductCount,
  SegmentDTO,
} from "./types"
import { currentMemberIds } from "./repositories/group-sync"
import { refuseUnknownPluginOptions } from "../../utils/plugin-options"

export type { CustomerSegment, EvaluationResult, MembersWithFacts, PreviewInput, PreviewResult, ProductCount }

const DEFAULT_SAMPLE = 20
/** Members entered + exited in one evaluation from which the planner statistics are refreshed. */
const LARGE_MEMBERSHIP_CHANGE = 5000

class SegmentModuleService extends MedusaService({
  Segment,
  SegmentMembership,
  SegmentVersion,
  SegmentOrderFact,
  SegmentGroupSync,
}) {
  constructor(container: Record<string, unknown>, options?: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // A misspelt plugin option stops startup here (Medusa constructs every module's service while booting).
    refuseUnknownPluginOptions(options)
  }

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
   * Rebuilds the read model `segment_order_fact` from Medusa's order tables in one transaction
   * (readers see the old facts until it commits), writing only the facts that differ
   * (`orderFacts.rebuildOrderFacts`). `changed` counts the rows deleted, updated or inserted.
   */
  @InjectManager()
  async rebuildOrderFacts(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ orders: number; changed: number; took_ms: number }> {
    const result = await this.rebuildOrderFacts_(sharedContext)
    // Fresh visibility map, so evaluation can use the covering index (index-only scan); statistics
    // only when something changed.
    await orderFacts.vacuumOrderFacts(sharedContext.manager, result.changed > 0)
    return result
  }

  @InjectTransactionManager()
  protected async rebuildOrderFacts_(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ orders: number; changed: number; took_ms: number }> {
    const started = Date.now()
    const { orders, changed } = await orderFacts.rebuildOrderFacts(sharedContext.transactionManager)
    return { orders, changed, took_ms: Date.now() - started }
  }

  /**
   * Brings the facts of these orders up to date (insert, update, or delete when the
   * order is gone/draft). Idempotent: a replay writes nothing.
   */
  @InjectManager()
  async upsertOrderFacts(orderIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const ids = Array.from(new Set(orderIds.filter(Boolean)))
    if (ids.length) {
      await this.upsertFacts_({ order_ids: ids }, sharedContext)
    }
  }

  @InjectTransactionManager()
  protected async upsertFacts_(
    scope: { order_ids: string[] } | { customer_ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await orderFacts.upsertOrderFacts(sharedContext.transactionManager, scope)
  }

  /**
   * Adds the facts of orders the read model does not hold yet (orders written
   * without events, e.g. by the importer or by services directly). Cheap when
   * nothing is missing; called before every full evaluation (and a preview on an empty read model).
   */
  @InjectManager()
  async syncMissingOrderFacts(@MedusaContext() sharedContext: Context = {}): Promise<void> {
    await orderFacts.insertMissingOrderFacts(sharedContext.manager)
  }

  /** Counts, 20 explained sample members and per top-level condition exclusions, without saving anything. */
  @InjectManager()
  async preview(input: PreviewInput, @MedusaContext() sharedContext: Context = {}): Promise<PreviewResult> {
    const { tree, compiled } = this.compile(input.rules, input)
    // Previews must stay fast: only an empty read model is filled here (full evaluations
    // and the hourly job catch up on every missing order).
    if (compiled.readsOrderFacts && !(await orderFacts.hasOrderFacts(sharedContext.manager))) {
      await this.syncMissingOrderFacts(sharedContext)
    }
    const row = await runPreview(sharedContext.manager, compiled, input.sample_size ?? DEFAULT_SAMPLE)
    return previewResult(tree, compiled, row.counts, row.samples ?? [])
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
    let results: EvaluationResult[]
    try {
      results = await this.evaluateSegment_(segmentId, opts.now ?? new Date(), sharedContext)
    } catch (e) {
      await this.markEvaluationFailed(segmentId, e, sharedContext)
      throw e
    }
    await this.refreshMembershipStatistics(results, sharedContext)
    return results
  }

  /**
   * After a large membership change (committed), fresh planner statistics for `segment_membership`:
   * with a segment's row count estimated from before a 100k-member change, the next evaluation's
   * "who exited" anti-join is planned as a nested loop (minutes instead of a hash join's ms).
   */
  protected async refreshMembershipStatistics(results: EvaluationResult[], sharedContext: Context): Promise<void> {
    if (results.some((r) => r.entered + r.exited >= LARGE_MEMBERSHIP_CHANGE)) {
      await segments.analyzeMemberships(sharedContext.manager)
    }
  }

  @InjectTransactionManager()
  protected async evaluateSegment_(
    segmentId: string,
    now: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EvaluationResult[]> {
    const segment: SegmentDTO = await this.retrieveSegment(segmentId, {}, sharedContext)
    const exclusive =
      segment.exclusive && segment.status === "active" ? await this.listActiveSegments_(true, sharedContext) : []
    const results: EvaluationResult[] = []
    for (const s of evaluationChain(segment, exclusive)) {
      results.push(await this.applyMembership_(s, now, undefined, sharedContext))
    }
    return results
  }

  /** Active segments (only the exclusive ones when `exclusive`), in precedence order. */
  protected async listActiveSegments_(exclusive: boolean, sharedContext: Context): Promise<SegmentDTO[]> {
    const filter = exclusive ? { exclusive: true, status: "active" as const } : { status: "active" as const }
    const list: SegmentDTO[] = await this.listSegments(filter, {}, sharedContext)
    return list.sort(byPrecedence)
  }

  /** Re-evaluates every active segment (each in its own transaction, exclusive ones in precedence order). */
  @InjectManager()
  async evaluateActiveSegments(
    opts: { now?: Date } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EvaluationResult[]> {
    const active = await this.listActiveSegments_(false, sharedContext)
    if (active.length) {
      await this.syncMissingOrderFacts(sharedContext)
    }
    const results: EvaluationResult[] = []
    for (const s of active) {
      const now = opts.now ?? new Date()
      try {
        const chain = await this.evaluateSegment_(s.id, now, sharedContext)
        await this.refreshMembershipStatistics(chain, sharedContext)
        results.push(...chain.slice(0, 1))
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
    const member_count = await segments.recordEvaluationError(sharedContext.manager, segmentId, message)
    return { segment_id: segmentId, entered: 0, exited: 0, member_count, evaluated_at: new Date(), error: message }
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
    await this.upsertFacts_({ customer_ids: ids }, sharedContext)
    const now = opts.now ?? new Date()
    const active = await this.listActiveSegments_(false, sharedContext)
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
    return orderFacts.customersAffectedByOrder(sharedContext.manager, orderId)
  }

  @InjectTransactionManager()
  protected async applyMembership_(
    segment: SegmentDTO,
    now: Date,
    customerIds: string[] | undefined,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EvaluationResult> {
    const manager = sharedContext.transactionManager
    await segments.lockForTransaction(manager, `segment:${segment.id}`)
    const { compiled } = this.compile(segment.rules, {
      currency_code: segment.currency_code,
      include_guest_orders: segment.include_guest_orders,
      now,
      customer_ids: customerIds,
    })
    const excludeSegmentIds = segment.exclusive
      ? higherExclusive(segment, await this.listActiveSegments_(true, sharedContext)).map((s) => s.id)
      : []
    const { entered, exited, entered_ids, exited_ids } = await applyMembership(manager, compiled, {
      segmentId: segment.id,
      at: now,
      excludeSegmentIds,
      customerIds,
    })
    // an incremental evaluation (some customers) keeps the last full evaluation's time and error
    const memberCount = await segments.refreshMemberCount(manager, segment.id, customerIds ? undefined : now)
    return {
      segment_id: segment.id,
      entered,
      exited,
      member_count: memberCount,
      evaluated_at: now,
      version: segment.version,
      entered_ids,
      exited_ids,
      ...(customerIds ? { customer_ids: customerIds } : {}),
    }
  }

  /**
   * Replaces a segment's rule tree as a whole (the generic update merges JSON
   * objects, which would mix the old and the new tree). No validation here:
   * callers validate on write.
   */
  @InjectTransactionManager()
  async replaceRules(segmentId: string, rules: unknown, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await segments.replaceRules(sharedContext.transactionManager, segmentId, rules)
  }

  /** Ends every current membership of a segment (on delete). */
  @InjectTransactionManager()
  async closeMemberships(segmentId: string, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return memberships.closeMemberships(sharedContext.transactionManager, segmentId)
  }

  /** The segments a customer is a member of now, with when they entered (priority desc, then name). */
  @InjectManager()
  async listCustomerSegments(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CustomerSegment[]> {
    return memberships.listCustomerSegments(sharedContext.manager, customerId)
  }

  /** Ids of a segment's current members, sorted; only among `customerIds` when given (the group sync). */
  @InjectManager()
  async listCurrentMemberIds(
    segmentId: string,
    customerIds?: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return currentMemberIds(sharedContext.manager, segmentId, customerIds)
  }

  /** Ids of the segments a customer is a member of now, sorted. */
  @InjectManager()
  async listCustomerSegmentIds(customerId: string, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return memberships.listCustomerSegmentIds(sharedContext.manager, customerId)
  }

  /** Active segments' last evaluation and the memberships' last change (the data audit's freshness check). */
  @InjectManager()
  async readModelFreshness(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<segments.SegmentReadModelFreshness[]> {
    return segments.readModelFreshness(sharedContext.manager)
  }

  /** Per segment: memberships entered and ended since `since`, and when one last ended (no rows: absent). */
  @InjectManager()
  async membershipTrends(
    segmentIds: string[],
    since: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MembershipTrend[]> {
    const ids = Array.from(new Set(segmentIds.filter(Boolean)))
    return ids.length ? memberships.membershipTrends(sharedContext.manager, ids, since) : []
  }

  /**
   * Best sellers among the current members of these segments: per product, the distinct members
   * who bought it in counted orders; count desc, then product id.
   */
  @InjectManager()
  async popularProductsAmongMembers(
    segmentIds: string[],
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ProductCount[]> {
    const ids = Array.from(new Set(segmentIds.filter(Boolean)))
    const take = Math.floor(limit)
    if (!ids.length || !(take > 0)) {
      return []
    }
    return memberships.popularProductsAmongMembers(sharedContext.manager, ids, take)
  }

  /**
   * One page of a segment's current members (customer id order, after `after`) with the fact of
   * each rule condition as of `now`: the members export reads pages until one comes back short.
   */
  @InjectManager()
  async listMembersWithFacts(
    segmentId: string,
    opts: { after?: string | null; limit: number; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MembersWithFacts> {
    const segment: SegmentDTO = await this.retrieveSegment(segmentId, {}, sharedContext)
    const manager = sharedContext.manager
    const page = await memberships.listCurrentMembersAfter(manager, segmentId, opts.after ?? null, opts.limit)
    const { compiled } = this.compile(segment.rules, {
      currency_code: segment.currency_code,
      include_guest_orders: segment.include_guest_orders,
      now: opts.now,
      customer_ids: page.map((m) => m.customer_id),
    })
    const facts = page.length && compiled.leaves.length ? await runFacts(manager, compiled) : new Map()
    return {
      fact_headers: exportFactHeaders(compiled.leaves, segment.currency_code),
      members: page.map((m) => ({
        customer_id: m.customer_id,
        entered_at: m.entered_at,
        facts: compiled.leaves.map((l) => exportFactValue(l, facts.get(m.customer_id)?.[l.column])),
      })),
    }
  }

  /** Current members shared by every pair of segments (including each segment with itself: its size). */
  @InjectManager()
  async overlapMatrix(
    filter: { segment_ids?: string[] } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ segment_id: string; other_segment_id: string; count: number }[]> {
    return memberships.overlapMatrix(sharedContext.manager, filter.segment_ids?.length ? filter.segment_ids : null)
  }

  /** Records a version snapshot of a segment definition (who and when). */
  @InjectTransactionManager()
  async recordVersion(
    segmentId: string,
    actorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; version: number }> {
    const segment: SegmentDTO = await this.retrieveSegment(segmentId, {}, sharedContext)
    const version = (await segments.lastVersion(sharedContext.transactionManager, segmentId)) + 1
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
}

export default SegmentModuleService
