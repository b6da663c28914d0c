import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import RecommendationRule from "./models/recommendation-rule"
import ProductAffinity from "./models/product-affinity"
import RecommendationProcessedOrder from "./models/processed-order"
import RecommendationEvent from "./models/recommendation-event"
import RecommendationServe from "./models/recommendation-serve"
import RecommendationValidation from "./models/recommendation-validation"
import RecommendationCustomerHistory from "./models/customer-history"
import RecommendationAffinityPass from "./models/affinity-pass"
import { Recommender } from "./recommender"
import {
  deleteServesOlderThan,
  insertServe,
  rebuildAffinityTables,
  vacuumAffinity,
  ruleImpressionCounts,
  ServedList,
} from "./repositories/affinity"
import {
  affinityPassState,
  incrementalAffinityPass,
  latestPairedProductCounts,
  recountOrderCustomer,
} from "./repositories/customer-history"
import { affinityFreshness, purchaseHistory, ReadModelFreshness, rulesStamp } from "./repositories/reads"
import {
  PopularItem,
  RecommendationContext,
  RecommendationSources,
  RecommendForInput,
  RecommendForResult,
  ServedModel,
  AffinityRefresh,
  CoPurchaseEvidence,
} from "./types"
import { EngineRule, Neighbor, PurchaseHistoryItem } from "./utils/types"
import { validateStore, ValidationOutcome } from "./utils/validation"
import { parseRecommendationOptions, RecommendationModuleOptions, RecommendationSettings } from "./utils/options"
import { refuseUnknownPluginOptions } from "../../utils/plugin-options"
import { validationPurchases } from "./repositories/validation"
import { productFacts } from "./repositories/catalog"
import {
  CategoryRepurchaseStats,
  detectCategoryRepurchaseCycles,
  detectRepurchaseCycles,
  RepurchaseStats,
} from "../../utils/repurchase"

export * from "./types"

/**
 * Recommendations: co-purchase counts kept from Medusa's orders, merchandising rules, served lists
 * and events. What it knows of the rest of the store (the customer's objectives, segments and cart,
 * the catalog) arrives per request as a `RecommendationContext` and `RecommendationSources` from
 * the recommend workflow (src/workflows/recommendation/recommend-products.ts). The service keeps
 * transactions and options; `Recommender` orchestrates one request and its caches, `repositories/`
 * holds the SQL.
 */
class RecommendationModuleService extends MedusaService({
  RecommendationRule,
  ProductAffinity,
  RecommendationProcessedOrder,
  RecommendationEvent,
  RecommendationServe,
  RecommendationValidation,
  RecommendationCustomerHistory,
  RecommendationAffinityPass,
}) {
  protected readonly options_: RecommendationSettings
  protected readonly recommender_: Recommender
  /** What the rules looked like when the cached anonymous lists were made (see syncWithRules). */
  protected rulesStamp_: string | null = null

  constructor(container: Record<string, unknown>, options?: RecommendationModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // A misspelt or bad option stops startup here (Medusa constructs every module's service while booting).
    refuseUnknownPluginOptions(options)
    this.options_ = parseRecommendationOptions(options)
    this.recommender_ = new Recommender(this.options_)
  }

  get settings(): RecommendationSettings {
    return this.options_
  }

  /**
   * Recommendations for one request: the customer's history and the co-purchase neighbours (this
   * module's tables), the groups, segments and cart of `context`, the active rules, fallbacks and
   * product facts (through `sources`), then the pure engine.
   */
  @InjectManager()
  async recommendFor(
    input: RecommendForInput,
    context: RecommendationContext,
    sources: RecommendationSources,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RecommendForResult> {
    const stamp = await this.syncWithRules(sharedContext)
    // read only when a list is computed (a cached anonymous list needs none)
    const rules = () => this.getActiveRules(sharedContext)
    const model = input.customer_id ? await this.latestValidation(sharedContext) : null
    return await this.recommender_.recommend(sharedContext.manager, input, context, sources, rules, stamp, model)
  }

  /**
   * Orders a list of products for a customer: by co-purchase affinity with their history, products
   * they already bought last; customers in the engine objective's holdout keep the given order.
   */
  @InjectManager()
  async rankForCustomer(
    customerId: string,
    productIds: string[],
    context: Pick<RecommendationContext, "groups" | "engine_objective_id">,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ order: string[]; personalized: boolean }> {
    const model = await this.latestValidation(sharedContext)
    return await this.recommender_.rank(
      sharedContext.manager,
      customerId,
      productIds,
      context,
      model?.params ?? undefined,
      // a validation that chose best sellers: no co-purchase order (already bought still goes last)
      !(model && model.params === null)
    )
  }

  /**
   * The model the latest succeeded validation chose, or null when none has run (the engine's
   * defaults are served). Cached for cache_ttl_seconds like the other lists.
   */
  @InjectManager()
  async latestValidation(@MedusaContext() sharedContext: Context = {}): Promise<ServedModel | null> {
    return await this.recommender_.servedModel(async () => {
      const [run] = await this.listRecommendationValidations(
        { status: "succeeded" },
        { take: 1, order: { finished_at: "DESC", id: "DESC" } },
        sharedContext
      )
      return run?.chosen
        ? {
            validation_id: run.id,
            chosen: run.chosen,
            params: (run.params as ServedModel["params"]) ?? null,
            reason: run.reason ?? "",
          }
        : null
    })
  }

  /**
   * Validates the candidates on the store's own counted orders (utils/validation) and stores the
   * outcome on a running validation; personalized requests serve its choice from then on.
   */
  @InjectManager()
  async executeValidation(runId: string, @MedusaContext() sharedContext: Context = {}): Promise<ValidationOutcome> {
    const started = Date.now()
    const purchases = await validationPurchases(sharedContext.manager)
    const read = Date.now()
    const cpu = process.cpuUsage()
    const validated = validateStore(purchases)
    const cpuUsed = process.cpuUsage(cpu)
    const outcome: ValidationOutcome = {
      ...validated,
      sufficiency: {
        ...validated.sufficiency,
        cost: {
          purchases: purchases.length,
          read_seconds: (read - started) / 1000,
          validate_seconds: (Date.now() - read) / 1000,
          // the pure validation is single-threaded: its CPU time is its time on an idle core
          validate_cpu_seconds: (cpuUsed.user + cpuUsed.system) / 1e6,
        },
      },
    }
    await this.updateRecommendationValidations(
      {
        id: runId,
        status: "succeeded",
        chosen: outcome.chosen,
        params: outcome.params,
        candidates: outcome.candidates as unknown as Record<string, unknown>,
        sufficiency: outcome.sufficiency,
        reason: outcome.reason,
        finished_at: new Date(),
      },
      sharedContext
    )
    this.recommender_.forgetServedModel()
    return outcome
  }

  /**
   * Proposed `repurchase_window_days` per product and per category, detected on the store's
   * counted orders (src/utils/repurchase.ts), each product with its current own window (null: none
   * set). A category's window serves its products that have none of their own.
   */
  @InjectManager()
  async repurchaseProposals(@MedusaContext() sharedContext: Context = {}): Promise<{
    products: (RepurchaseStats & { current_window_days: number | null })[]
    categories: CategoryRepurchaseStats[]
  }> {
    const purchases = await validationPurchases(sharedContext.manager)
    const facts = await productFacts(sharedContext.manager, [...new Set(purchases.map((p) => p.product_id))], [])
    const products = detectRepurchaseCycles(purchases)
      .filter((s) => s.repurchase_window_days !== null && facts.has(s.product_id))
      .map((s) => {
        const f = facts.get(s.product_id)!
        return { ...s, current_window_days: f.repurchase_window_from === "product" ? f.repurchase_window_days! : null }
      })
    const categoriesOf = new Map([...facts].map(([id, f]) => [id, f.category_ids ?? []]))
    const categories = detectCategoryRepurchaseCycles(purchases, categoriesOf).filter(
      (s) => s.repurchase_window_days !== null
    )
    return { products, categories }
  }

  /** Marks a validation failed with its error (a failed run never changes what is served). */
  @InjectManager()
  async failValidation(runId: string, error: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await this.updateRecommendationValidations(
      { id: runId, status: "failed", error, finished_at: new Date() },
      sharedContext
    )
  }

  /** Active rules in the engine's shape. */
  @InjectManager()
  async getActiveRules(@MedusaContext() sharedContext: Context = {}): Promise<EngineRule[]> {
    const rules = await this.listRecommendationRules({ status: "active" }, { take: 1000 }, sharedContext)
    return rules.map((r) => ({
      id: r.id,
      version: r.version,
      action: r.action,
      target_type: r.target_type,
      target_id: r.target_id,
      weight: r.weight,
      segment_id: r.segment_id ?? null,
      objective_id: r.objective_id ?? null,
    }))
  }

  /** Forgets cached lists and product facts (after a rebuild, or in tests). */
  clearCache(): void {
    this.recommender_.clear()
    this.rulesStamp_ = null
  }

  /**
   * Shared invalidation without a shared cache: one small read per request stamps the rules (this
   * module's table) that cached anonymous lists depend on. Those entries are keyed by the stamp, so
   * a list ranked before a change made by any instance (or a script) is never served after it;
   * entries under an old stamp are dropped here so they do not linger until the TTL. Objectives and
   * segments do not reach anonymous lists (no customer, no group, no segment).
   */
  protected async syncWithRules(sharedContext: Context): Promise<string> {
    const stamp = await rulesStamp(sharedContext.manager)
    if (this.rulesStamp_ !== null && this.rulesStamp_ !== stamp) {
      this.recommender_.forgetAnonymousLists()
    }
    this.rulesStamp_ = stamp
    return stamp
  }

  /**
   * Rebuilds `product_affinity` from Medusa's order tables, counting per pair of products the
   * customers who bought both (each customer's most recent `history_cap` products), on integer
   * product numbers in temporary tables (`rebuildAffinityTables`). Marks every counted order as
   * processed so a late `order.placed` does not count it twice.
   *
   * Build and swap: the counts go into a fresh table without indexes, its indexes and constraints are
   * built afterwards (one sort each instead of millions of random B-tree inserts), and it replaces
   * the live table at commit. Readers use the old table until then; nothing is deleted row by row,
   * so no dead tuples are left behind (this matters where autovacuum is off or slow).
   */
  @InjectManager()
  async rebuildAffinity(@MedusaContext() sharedContext: Context = {}): Promise<{ pairs: number; orders: number }> {
    // One snapshot for counting and marking orders (see rebuildAffinity_).
    const result = await this.rebuildAffinity_({
      ...sharedContext,
      isolationLevel: "repeatable read",
    } as Context)
    await vacuumAffinity(sharedContext.manager)
    this.clearCache()
    return result
  }

  @InjectTransactionManager()
  protected async rebuildAffinity_(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ pairs: number; orders: number }> {
    return await rebuildAffinityTables(
      sharedContext.transactionManager,
      this.options_.history_cap,
      "ordinal",
      this.options_.min_support
    )
  }

  /**
   * The nightly update of `product_affinity`: recounts only the customers whose orders changed
   * (created, edited, canceled, deleted) since the previous pass, each customer's stored history
   * subtracted and the current one added, so the table ends as a full rebuild would leave it. Runs
   * the full rebuild instead when the histories are not tracked (none kept yet, or another
   * `history_cap`) or the last full rebuild is `affinity_full_rebuild_days` old: it also repairs
   * what no order timestamp shows (orders moved to another customer, edits by SQL).
   */
  @InjectManager()
  async refreshAffinity(@MedusaContext() sharedContext: Context = {}): Promise<AffinityRefresh> {
    const started = Date.now()
    const state = await affinityPassState(sharedContext.manager, this.options_.history_cap)
    const fullEvery = this.options_.affinity_full_rebuild_days * 86400000
    if (!state.tracked || !state.full_at || !state.last_at || started - state.full_at.getTime() >= fullEvery) {
      const rebuilt = await this.rebuildAffinity(sharedContext)
      return { kind: "full", ...rebuilt, customers: null, changed: null, rows: null, since: null }
    }
    const pass = await this.refreshAffinity_(state.last_at, sharedContext)
    // No VACUUM: on 1M lines it scans every index of the 4.8M-row table (30 s at load 9 after a
    // 1,000-customer pass); autovacuum and the weekly full rebuild (a fresh table) take care of it.
    if (pass.rows) {
      this.clearCache()
    }
    return {
      kind: "incremental",
      pairs: pass.pairs,
      orders: null,
      customers: pass.customers,
      changed: pass.changed,
      rows: pass.rows,
      since: pass.since.toISOString(),
    }
  }

  @InjectTransactionManager()
  protected async refreshAffinity_(since: Date, @MedusaContext() sharedContext: Context = {}) {
    return await incrementalAffinityPass(
      sharedContext.transactionManager,
      this.options_.history_cap,
      since,
      this.options_.min_support
    )
  }

  /**
   * Records a served list (one row per `GET /store/recommendations`) with one plain INSERT: it is
   * on every request's path, so it skips the ORM's entity bookkeeping.
   */
  @InjectManager()
  async recordServe(serve: ServedList, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await insertServe(sharedContext.manager, serve)
  }

  /**
   * Impression events per rule id (0 for a rule that acted on no impressed list): the impressions
   * of the served lists each rule pinned, boosted, buried or excluded items of.
   */
  @InjectManager()
  async countRuleImpressions(
    ruleIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, number>> {
    return await ruleImpressionCounts(sharedContext.manager, ruleIds)
  }

  /** Deletes served lists older than `serve_retention_days`; returns how many. */
  @InjectManager()
  async deleteExpiredServes(@MedusaContext() sharedContext: Context = {}): Promise<number> {
    return await deleteServesOlderThan(sharedContext.manager, this.options_.serve_retention_days)
  }

  /**
   * Counts one placed order into `product_affinity` by recounting its customer: the pairs of their
   * stored counted history out, those of their current history in (repositories/customer-history.ts),
   * so the table stays what a full rebuild gives. Idempotent: a processed order id is remembered,
   * and a recount of an unchanged history writes nothing. Orders counted in any order give the same
   * counts.
   */
  @InjectManager()
  async recordOrder(
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ processed: boolean; new_products: number; pairs: number; rows: number }> {
    return await this.recordOrder_(orderId, sharedContext)
  }

  @InjectTransactionManager()
  protected async recordOrder_(
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ processed: boolean; new_products: number; pairs: number; rows: number }> {
    const result = await recountOrderCustomer(sharedContext.transactionManager, orderId, this.options_.history_cap)
    if (result.pairs || result.new_products) {
      this.recommender_.forgetBuyerCounts()
    }
    return result
  }

  /** Rows and last refresh of the co-purchase counts (the data audit's freshness check). */
  @InjectManager()
  async readModelFreshness(@MedusaContext() sharedContext: Context = {}): Promise<ReadModelFreshness[]> {
    return [await affinityFreshness(sharedContext.manager)]
  }

  /**
   * How many products have co-purchase counts and how many of them a neighbour bought with them by
   * `min_support` customers or more, as the latest full or incremental pass counted them (the data
   * audit's `products.unpaired`); null when no pass has counted them yet. One row read.
   */
  @InjectManager()
  async coPurchaseEvidence(@MedusaContext() sharedContext: Context = {}): Promise<CoPurchaseEvidence | null> {
    return await latestPairedProductCounts(sharedContext.manager)
  }

  /** The customer's purchases: distinct products with the last purchase date. */
  @InjectManager()
  async getPurchaseHistory(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PurchaseHistoryItem[]> {
    return await purchaseHistory(sharedContext.manager, customerId)
  }

  /** Top co-purchase neighbours of each seed (count >= min_support) and the buyer counts of seeds and neighbours. */
  @InjectManager()
  async getNeighbors(
    productIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ neighbors: Map<string, Neighbor[]>; item_counts: Map<string, number> }> {
    return await this.recommender_.neighbors(sharedContext.manager, productIds)
  }

  /** Buyers per product (the diagonal of product_affinity), cached. */
  @InjectManager()
  async getBuyerCounts(@MedusaContext() sharedContext: Context = {}): Promise<Map<string, number>> {
    return await this.recommender_.buyerCounts(sharedContext.manager)
  }

  /** Store-wide best sellers (customers who bought), cached. */
  @InjectManager()
  async getPopular(limit: number, @MedusaContext() sharedContext: Context = {}): Promise<PopularItem[]> {
    return await this.recommender_.popular(sharedContext.manager, limit)
  }
}

export default RecommendationModuleService
