import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  MedusaError,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { runSql } from "../../utils/sql"
import RecommendationRule from "./models/recommendation-rule"
import ProductAffinity from "./models/product-affinity"
import RecommendationProcessedOrder from "./models/processed-order"
import RecommendationEvent from "./models/recommendation-event"
import RecommendationServe from "./models/recommendation-serve"
import {
  deleteServesOlderThan,
  insertServe,
  rebuildAffinityTables,
  recordOrderPairs,
  ServedList,
} from "./repositories/affinity"
import {
  affinityFreshness,
  bestSellers,
  buyerCounts,
  neighborRows,
  purchaseHistory,
  ReadModelFreshness,
  rulesStamp,
} from "./repositories/reads"
import {
  DEFAULT_OPTIONS,
  engineGroup,
  PopularItem,
  RecommendationContext,
  RecommendationModuleOptions,
  RecommendationSources,
  RecommendForInput,
  RecommendForResult,
} from "./types"
import { capHistory } from "./utils/co-purchase"
import { candidateIds, EngineInput, FallbackList, recommend } from "./utils/engine"
import { buildSeeds, scoreCandidates } from "./utils/scoring"
import { TtlCache } from "./utils/ttl-cache"
import { EngineRule, Neighbor, ProductFacts, PurchaseHistoryItem } from "./utils/types"

export * from "./types"

/** In-memory cache bound (best-seller lists, anonymous recommendation lists). */
const MAX_CACHE_ENTRIES = 5000
/** Product facts cached for ranking (one entry per product and sales-channel set). */
const MAX_FACTS_ENTRIES = 100000
/** Extra items ranked so that the fresh re-check of the listed products does not shorten the list. */
const VERIFY_SPARE = 4

/**
 * Recommendations: co-purchase counts kept from Medusa's orders, merchandising rules, served lists
 * and events. What it knows of the rest of the store (the customer's objectives, segments and cart,
 * the catalog) arrives per request as a `RecommendationContext` and `RecommendationSources` from
 * the recommend workflow (src/workflows/recommendation/recommend-products.ts).
 */
class RecommendationModuleService extends MedusaService({
  RecommendationRule,
  ProductAffinity,
  RecommendationProcessedOrder,
  RecommendationEvent,
  RecommendationServe,
}) {
  protected readonly options_: Required<RecommendationModuleOptions>
  protected readonly cache_: TtlCache
  protected readonly facts_: TtlCache<ProductFacts>
  /** What the rules looked like when the cached anonymous lists were made (see syncWithRules). */
  protected rulesStamp_: string | null = null

  constructor(container: Record<string, unknown>, options?: RecommendationModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = { ...DEFAULT_OPTIONS, ...(options ?? {}) }
    const ttl = () => this.options_.cache_ttl_seconds * 1000
    this.cache_ = new TtlCache(ttl, MAX_CACHE_ENTRIES)
    this.facts_ = new TtlCache<ProductFacts>(ttl, MAX_FACTS_ENTRIES)
  }

  get settings(): Required<RecommendationModuleOptions> {
    return this.options_
  }

  /**
   * Recommendations for one request: the customer's history and the co-purchase neighbours (this
   * module's tables), the groups, segments and cart of `context`, rules, fallbacks and product facts
   * (through `sources`), then the pure engine.
   */
  @InjectManager()
  async recommendFor(
    input: RecommendForInput,
    context: RecommendationContext,
    sources: RecommendationSources,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RecommendForResult> {
    await this.syncWithRules(sharedContext)
    // An anonymous request without a cart depends only on placement, anchor product, sales channels
    // and limit: its list is cached like the best-seller lists (cache_ttl_seconds; a rule change,
    // from any server instance, drops it first). Logged-in customers are never cached: what they
    // just bought must disappear at once.
    if (!input.customer_id && !input.cart_id && !input.now && input.use_cache !== false) {
      const key = [
        "anonymous",
        input.placement,
        input.product_id ?? "",
        [...input.sales_channel_ids].sort().join(","),
        input.limit,
        // an in-flight list ranked before a rule change lands under the old stamp, never served again
        this.rulesStamp_ ?? "",
      ].join(":")
      const result = await this.cache_.through(key, () =>
        this.computeRecommendations(input, context, sources, sharedContext)
      )
      // the governing objective may have changed since the list was cached; anonymous visitors have no group
      const experiment = { objective_id: context.engine_objective_id, group: null, personalized: false, groups: [] }
      return await this.servable({ ...result, experiment }, input, sources)
    }
    const result = await this.computeRecommendations(input, context, sources, sharedContext)
    return await this.servable(result, input, sources)
  }

  /**
   * The hard filters on fresh data: candidates were ranked with product facts up to
   * cache_ttl_seconds old (and anonymous lists are cached), so the listed products are checked
   * again, published and in the request's sales channels, with one small read; the list was
   * ranked with `VERIFY_SPARE` extra items so a product dropped here does not shorten it.
   */
  protected async servable(
    result: RecommendForResult,
    input: RecommendForInput,
    sources: RecommendationSources
  ): Promise<RecommendForResult> {
    const facts = await sources.productFacts(
      result.items.map((i) => i.product_id),
      input.sales_channel_ids
    )
    const items = result.items
      .filter((i) => facts.get(i.product_id)?.published && facts.get(i.product_id)?.in_sales_channel)
      .slice(0, input.limit)
    const applied = new Set(items.map((i) => i.trace.rule_id).filter(Boolean))
    return {
      ...result,
      items,
      rules_applied: result.rules_applied.filter((r) => applied.has(r.id)),
      recommendation_id: generateEntityId(undefined, "rec"),
    }
  }

  protected async computeRecommendations(
    input: RecommendForInput,
    context: RecommendationContext,
    sources: RecommendationSources,
    sharedContext: Context
  ): Promise<RecommendForResult> {
    const now = input.now ?? new Date()
    const group = input.customer_id ? engineGroup(context) : null
    const personalized = !!input.customer_id && group !== "holdout"
    const history = input.customer_id ? await this.getPurchaseHistory(input.customer_id, sharedContext) : []
    const segmentIds = input.customer_id ? context.segment_ids : []
    const cartProductIds = context.cart_product_ids ?? []

    let anchors: string[] = []
    let anchorCategories: string[] = []
    if (input.placement === "product" && input.product_id) {
      const facts = await sources.productFacts([input.product_id], input.sales_channel_ids)
      const anchor = facts.get(input.product_id)
      if (!anchor || !anchor.published || !anchor.in_sales_channel) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${input.product_id} was not found`)
      }
      anchors = [input.product_id]
      anchorCategories = anchor.category_ids ?? []
    } else if (input.placement === "cart") {
      anchors = cartProductIds
    }

    const seedIds = [
      ...new Set([
        ...(personalized ? capHistory(history, this.options_.max_seeds).map((h) => h.product_id) : []),
        ...anchors,
      ]),
    ]
    const { neighbors, item_counts } = await this.getNeighbors(seedIds, sharedContext)
    const rules = await this.getActiveRules(sharedContext)
    const fallbackSize = Math.max(100, input.limit * 4)
    const fallbacks: FallbackList[] = []
    if (personalized && segmentIds.length) {
      fallbacks.push({
        source: "fallback_segment",
        items: await this.popularInSegments(segmentIds, fallbackSize, sources),
        segment_ids: segmentIds,
      })
    }
    if (anchorCategories.length) {
      fallbacks.push({
        source: "fallback_category",
        items: await this.popularInCategories(anchorCategories, fallbackSize, sources, sharedContext),
      })
    }
    fallbacks.push({ source: "fallback_store", items: await this.getPopular(fallbackSize, sharedContext) })

    const engineInput: Omit<EngineInput, "facts"> = {
      limit: input.limit,
      now,
      personalized,
      segment_ids: segmentIds,
      history,
      anchors,
      cart_product_ids: cartProductIds,
      neighbors,
      item_counts,
      rules,
      fallbacks,
      objective_id: context.engine_objective_id,
      // rules apply per their own objective's group
      holdout_objective_ids: context.groups.filter((g) => g.group === "holdout").map((g) => g.objective_id),
      max_seeds: this.options_.max_seeds,
      max_candidates: this.options_.max_candidates,
    }
    const facts = await this.candidateFacts(candidateIds(engineInput), input.sales_channel_ids, sources)
    const out = recommend({ ...engineInput, limit: input.limit + VERIFY_SPARE, facts })
    return {
      recommendation_id: generateEntityId(undefined, "rec"),
      placement: input.placement,
      items: out.items,
      filters: out.filters,
      experiment: { objective_id: context.engine_objective_id, group, personalized, groups: context.groups },
      segment_ids: segmentIds,
      rules_applied: out.rules_applied,
    }
  }

  /**
   * Orders a list of products for a customer: by co-purchase affinity with their history (stable
   * for ties), products they already bought last. Customers in the holdout of the objective
   * governing the engine keep the given order.
   */
  @InjectManager()
  async rankForCustomer(
    customerId: string,
    productIds: string[],
    context: Pick<RecommendationContext, "groups" | "engine_objective_id">,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ order: string[]; personalized: boolean }> {
    const group = engineGroup({ ...context, segment_ids: [], cart_product_ids: null })
    if (group === "holdout" || !productIds.length) {
      return { order: productIds, personalized: false }
    }
    const history = await this.getPurchaseHistory(customerId, sharedContext)
    const seeds = buildSeeds(capHistory(history, this.options_.max_seeds), [], new Date())
    const { neighbors, item_counts } = await this.getNeighbors(
      seeds.map((s) => s.product_id),
      sharedContext
    )
    const score = new Map(scoreCandidates(seeds, neighbors, item_counts).map((c) => [c.product_id, c.score]))
    const bought = new Set(history.map((h) => h.product_id))
    const index = new Map(productIds.map((id, i) => [id, i]))
    const order = [...productIds].sort(
      (a, b) =>
        Number(bought.has(a)) - Number(bought.has(b)) ||
        (score.get(b) ?? 0) - (score.get(a) ?? 0) ||
        index.get(a)! - index.get(b)!
    )
    return { order, personalized: true }
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
    this.cache_.clear()
    this.facts_.clear()
    this.rulesStamp_ = null
  }

  /**
   * Shared invalidation without a shared cache: one small read per request stamps the rules (this
   * module's table) that cached anonymous lists depend on. Those entries are keyed by the stamp, so
   * a list ranked before a change made by any instance (or a script) is never served after it;
   * entries under an old stamp are dropped here so they do not linger until the TTL. Objectives and
   * segments do not reach anonymous lists (no customer, no group, no segment).
   */
  protected async syncWithRules(sharedContext: Context): Promise<void> {
    const stamp = await rulesStamp(sharedContext.manager)
    if (this.rulesStamp_ !== null && this.rulesStamp_ !== stamp) {
      this.cache_.deletePrefix("anonymous:")
    }
    this.rulesStamp_ = stamp
  }

  /**
   * Rebuilds `product_affinity` from Medusa's order tables: one INSERT ... SELECT counting, per pair
   * of products, the customers who bought both (each customer's most recent `history_cap` products).
   * Marks every counted order as processed so a late `order.placed` does not count it twice.
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
    // Fresh statistics and visibility map: the neighbour read is an index-only scan on the
    // covering index only when the table is vacuumed (a freshly written table is not, yet).
    await runSql(sharedContext.manager, "VACUUM ANALYZE product_affinity")
    this.clearCache()
    return result
  }

  @InjectTransactionManager()
  protected async rebuildAffinity_(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ pairs: number; orders: number }> {
    return await rebuildAffinityTables(sharedContext.transactionManager, this.options_.history_cap)
  }

  /**
   * Records a served list (one row per `GET /store/recommendations`) with one plain INSERT: it is
   * on every request's path, so it skips the ORM's entity bookkeeping.
   */
  @InjectManager()
  async recordServe(serve: ServedList, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await insertServe(sharedContext.manager, serve)
  }

  /** Deletes served lists older than `serve_retention_days`; returns how many. */
  @InjectManager()
  async deleteExpiredServes(@MedusaContext() sharedContext: Context = {}): Promise<number> {
    return await deleteServesOlderThan(sharedContext.manager, this.options_.serve_retention_days)
  }

  /**
   * Adds one placed order to `product_affinity` (products new to the customer pair with each other
   * and with the customer's earlier products). Idempotent: a processed order id is remembered.
   * Order-independent: orders of one customer counted in any order give the same counts.
   */
  @InjectManager()
  async recordOrder(
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ processed: boolean; new_products: number; pairs: number }> {
    return await this.recordOrder_(orderId, sharedContext)
  }

  @InjectTransactionManager()
  protected async recordOrder_(
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ processed: boolean; new_products: number; pairs: number }> {
    const result = await recordOrderPairs(sharedContext.transactionManager, orderId, this.options_.history_cap)
    if (result.pairs || result.new_products) {
      this.cache_.delete("buyers")
    }
    return result
  }

  /** Rows and last refresh of the co-purchase counts (the data audit's freshness check). */
  @InjectManager()
  async readModelFreshness(@MedusaContext() sharedContext: Context = {}): Promise<ReadModelFreshness[]> {
    return [await affinityFreshness(sharedContext.manager)]
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
    const neighbors = new Map<string, Neighbor[]>()
    const itemCounts = new Map<string, number>()
    if (!productIds.length) {
      return { neighbors, item_counts: itemCounts }
    }
    const [found, buyers] = await Promise.all([
      neighborRows(sharedContext.manager, productIds, this.options_.min_support, this.options_.neighbors_per_product),
      this.getBuyerCounts(sharedContext),
    ])
    for (const { seed, neighbor } of found) {
      const list = neighbors.get(seed) ?? []
      list.push(neighbor)
      neighbors.set(seed, list)
    }
    for (const id of [...productIds, ...found.map((f) => f.neighbor.product_id)]) {
      const n = buyers.get(id)
      if (n !== undefined) {
        itemCounts.set(id, n)
      }
    }
    return { neighbors, item_counts: itemCounts }
  }

  /**
   * Buyers per product (the diagonal of product_affinity), cached for cache_ttl_seconds: it only
   * normalises similarities, so a minute-old count is harmless, and one read per minute replaces a
   * lookup per neighbour per request.
   */
  @InjectManager()
  async getBuyerCounts(@MedusaContext() sharedContext: Context = {}): Promise<Map<string, number>> {
    return await this.cache_.through("buyers", () => buyerCounts(sharedContext.manager))
  }

  /** Store-wide best sellers (customers who bought), cached. */
  @InjectManager()
  async getPopular(limit: number, @MedusaContext() sharedContext: Context = {}): Promise<PopularItem[]> {
    return await this.cache_.through(`popular:${limit}`, () => bestSellers(sharedContext.manager, limit))
  }

  /**
   * Facts of ranking candidates (hundreds per request), cached per product and channel set for
   * cache_ttl_seconds; the products finally listed are re-checked fresh by `servable`.
   */
  protected async candidateFacts(
    productIds: string[],
    salesChannelIds: string[],
    sources: RecommendationSources
  ): Promise<Map<string, ProductFacts>> {
    const channels = [...salesChannelIds].sort().join(",")
    const out = new Map<string, ProductFacts>()
    const missing: string[] = []
    for (const id of productIds) {
      const hit = this.facts_.get(`${channels}|${id}`)
      if (hit) {
        out.set(id, hit)
      } else {
        missing.push(id)
      }
    }
    if (missing.length) {
      for (const [id, facts] of await sources.productFacts(missing, salesChannelIds)) {
        out.set(id, facts)
        this.facts_.set(`${channels}|${id}`, facts)
      }
    }
    return out
  }

  /** Best sellers within categories (the catalog names the categories' products), cached. */
  protected async popularInCategories(
    categoryIds: string[],
    limit: number,
    sources: RecommendationSources,
    sharedContext: Context
  ): Promise<PopularItem[]> {
    const key = `category:${[...categoryIds].sort().join(",")}:${limit}`
    return await this.cache_.through(key, async () =>
      bestSellers(sharedContext.manager, limit, await sources.productsInCategories(categoryIds))
    )
  }

  /** Best sellers among current members of segments (the segment module counts them), cached. */
  protected async popularInSegments(
    segmentIds: string[],
    limit: number,
    sources: RecommendationSources
  ): Promise<PopularItem[]> {
    const key = `segment:${[...segmentIds].sort().join(",")}:${limit}`
    return await this.cache_.through(key, () => sources.bestSellersInSegments(segmentIds, limit))
  }
}

export default RecommendationModuleService
