import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  MedusaError,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import RecommendationRule from "./models/recommendation-rule"
import ProductAffinity from "./models/product-affinity"
import RecommendationProcessedOrder from "./models/processed-order"
import RecommendationEvent from "./models/recommendation-event"
import RecommendationServe from "./models/recommendation-serve"
import {
  deleteServesOlderThan,
  insertServe,
  PURCHASE_LINES,
  rebuildAffinityTables,
  recordOrderPairs,
  rows,
  ServedList,
} from "./repositories/affinity"
import { capHistory } from "./utils/co-purchase"
import { candidateIds, EngineInput, FallbackList, recommend } from "./utils/engine"
import { assignExperimentGroup } from "./utils/holdout"
import { buildSeeds, scoreCandidates } from "./utils/scoring"
import { EngineRule, FilterCounts, Neighbor, ProductFacts, PurchaseHistoryItem, RecommendedItem } from "./utils/types"

export type Placement = "home" | "product" | "cart"

export type RecommendForInput = {
  placement: Placement
  customer_id: string | null
  product_id?: string
  cart_id?: string
  limit: number
  sales_channel_ids: string[]
  now?: Date
  /** false skips the anonymous-list cache (the admin preview shows rule changes at once). */
  use_cache?: boolean
}

export type Experiment = {
  objective_id: string | null
  /** null for anonymous visitors and when no objective is active. */
  group: "treatment" | "holdout" | null
  personalized: boolean
}

export type RecommendForResult = {
  recommendation_id: string
  placement: Placement
  items: RecommendedItem[]
  filters: FilterCounts
  experiment: Experiment
  segment_ids: string[]
  rules_applied: { id: string; version: number; action: string }[]
}

export type RecommendationModuleOptions = {
  /** Most recent distinct products per customer counted in co-purchases (bounds wholesalers). */
  history_cap?: number
  /** Neighbours read per seed product. */
  neighbors_per_product?: number
  /** Pairs bought by fewer customers are never used (privacy: one customer's basket is not exposed). */
  min_support?: number
  /** Seconds popular lists and active objectives are cached in memory. */
  cache_ttl_seconds?: number
  /** Most recent purchases used as seeds at request time. */
  max_seeds?: number
  /** Co-purchase candidates examined per request. */
  max_candidates?: number
  /** Hours after a list was served during which impressions and clicks on it are accepted. */
  event_window_hours?: number
  /** Events one visitor (a customer, or one anonymous client address) may send per minute. */
  event_rate_per_minute?: number
  /** Days a served list is kept (events are only accepted within event_window_hours anyway). */
  serve_retention_days?: number
}

export const DEFAULT_OPTIONS: Required<RecommendationModuleOptions> = {
  history_cap: 50,
  neighbors_per_product: 200,
  min_support: 2,
  cache_ttl_seconds: 60,
  max_seeds: 50,
  max_candidates: 200,
  event_window_hours: 24,
  event_rate_per_minute: 120,
  serve_retention_days: 30,
}

type Cached<T> = { at: number; value: T }

/** In-memory cache bound (best-seller lists, anonymous recommendation lists, table checks). */
const MAX_CACHE_ENTRIES = 5000
/** Product facts cached for ranking (one entry per product and sales-channel set). */
const MAX_FACTS_ENTRIES = 100000
/** Extra items ranked so that the fresh re-check of the listed products does not shorten the list. */
const VERIFY_SPARE = 4

class RecommendationModuleService extends MedusaService({
  RecommendationRule,
  ProductAffinity,
  RecommendationProcessedOrder,
  RecommendationEvent,
  RecommendationServe,
}) {
  protected readonly options_: Required<RecommendationModuleOptions>
  protected readonly cache_ = new Map<string, Cached<unknown>>()
  protected readonly factsCache_ = new Map<string, Cached<ProductFacts>>()
  /** What rules and objectives looked like when the cached lists were made (see syncWithRulesAndObjectives). */
  protected stateStamp_: string | null = null

  constructor(container: Record<string, unknown>, options?: RecommendationModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = { ...DEFAULT_OPTIONS, ...(options ?? {}) }
  }

  get settings(): Required<RecommendationModuleOptions> {
    return this.options_
  }

  protected async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache_.get(key) as Cached<T> | undefined
    const now = Date.now()
    if (hit && now - hit.at < this.options_.cache_ttl_seconds * 1000) {
      return hit.value
    }
    const value = await load()
    if (!hit && this.cache_.size >= MAX_CACHE_ENTRIES) {
      // oldest first (Map keeps insertion order): anonymous product-page lists are one entry per product
      for (const k of [...this.cache_.keys()].slice(0, Math.ceil(MAX_CACHE_ENTRIES / 10))) {
        this.cache_.delete(k)
      }
    }
    this.cache_.delete(key)
    this.cache_.set(key, { at: now, value })
    return value
  }

  /**
   * Recommendations for one request: loads the customer's history, segments, experiment group,
   * co-purchase neighbours, rules, fallbacks and product facts, then runs the pure engine.
   */
  @InjectManager()
  async recommendFor(
    input: RecommendForInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RecommendForResult> {
    await this.syncWithRulesAndObjectives(sharedContext)
    // An anonymous request without a cart depends only on placement, anchor product, sales channels
    // and limit: its list is cached like the best-seller lists (cache_ttl_seconds; a change to rules or
    // objectives, from any server instance, drops it first). Logged-in customers are never cached:
    // what they just bought must disappear at once.
    if (!input.customer_id && !input.cart_id && !input.now && input.use_cache !== false) {
      const key = [
        "anonymous",
        input.placement,
        input.product_id ?? "",
        [...input.sales_channel_ids].sort().join(","),
        input.limit,
        // an in-flight list ranked before a rule change lands under the old stamp, never served again
        this.stateStamp_ ?? "",
      ].join(":")
      const result = await this.cached(key, () => this.computeRecommendations(input, sharedContext))
      return await this.servable(result, input, sharedContext)
    }
    return await this.servable(await this.computeRecommendations(input, sharedContext), input, sharedContext)
  }

  /**
   * The hard filters on fresh data: candidates were ranked with product facts up to
   * cache_ttl_seconds old (and anonymous lists are cached), so the listed products are checked
   * again, published and in the request's sales channels, with one small query; the list was
   * ranked with `VERIFY_SPARE` extra items so a product dropped here does not shorten it.
   */
  protected async servable(
    result: RecommendForResult,
    input: RecommendForInput,
    sharedContext: Context
  ): Promise<RecommendForResult> {
    const facts = await this.getProductFacts(
      result.items.map((i) => i.product_id),
      input.sales_channel_ids,
      sharedContext
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
    sharedContext: Context
  ): Promise<RecommendForResult> {
    const now = input.now ?? new Date()
    const objective = await this.getActiveObjective(sharedContext)
    const group =
      input.customer_id && objective
        ? assignExperimentGroup(objective.id, input.customer_id, objective.holdout_share)
        : null
    const personalized = !!input.customer_id && group !== "holdout"
    const history = input.customer_id ? await this.getPurchaseHistory(input.customer_id, sharedContext) : []
    const segmentIds =
      personalized && input.customer_id ? await this.getCustomerSegmentIds(input.customer_id, sharedContext) : []

    let cartProductIds: string[] = []
    if (input.cart_id) {
      const cart = await this.getCartProductIds(input.cart_id, sharedContext)
      if (!cart.exists) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${input.cart_id} was not found`)
      }
      cartProductIds = cart.product_ids
    }
    let anchors: string[] = []
    let anchorCategories: string[] = []
    if (input.placement === "product" && input.product_id) {
      const facts = await this.getProductFacts([input.product_id], input.sales_channel_ids, sharedContext)
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
        items: await this.getPopularInSegments(segmentIds, fallbackSize, sharedContext),
        segment_ids: segmentIds,
      })
    }
    if (anchorCategories.length) {
      fallbacks.push({
        source: "fallback_category",
        items: await this.getPopularInCategories(anchorCategories, fallbackSize, sharedContext),
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
      objective_id: objective?.id ?? null,
      holdout_objective_ids: group === "holdout" && objective ? [objective.id] : [],
      max_seeds: this.options_.max_seeds,
      max_candidates: this.options_.max_candidates,
    }
    const facts = await this.getCandidateFacts(candidateIds(engineInput), input.sales_channel_ids, sharedContext)
    const out = recommend({ ...engineInput, limit: input.limit + VERIFY_SPARE, facts })
    return {
      recommendation_id: generateEntityId(undefined, "rec"),
      placement: input.placement,
      items: out.items,
      filters: out.filters,
      experiment: { objective_id: objective?.id ?? null, group, personalized },
      segment_ids: segmentIds,
      rules_applied: out.rules_applied,
    }
  }

  /**
   * Orders a list of products for a customer: by co-purchase affinity with their history (stable
   * for ties), products they already bought last. Holdout customers keep the given order.
   */
  @InjectManager()
  async rankForCustomer(
    customerId: string,
    productIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ order: string[]; personalized: boolean }> {
    await this.syncWithRulesAndObjectives(sharedContext)
    const objective = await this.getActiveObjective(sharedContext)
    const group = objective ? assignExperimentGroup(objective.id, customerId, objective.holdout_share) : null
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

  /** Forgets cached popular lists, objectives and table checks (after a rebuild, or in tests). */
  clearCache(): void {
    this.cache_.clear()
    this.factsCache_.clear()
    this.stateStamp_ = null
  }

  /**
   * Shared invalidation without a shared cache: one small read per request stamps the state that
   * cached anonymous lists and the cached active objective depend on (rules: count, versions, last
   * change; objectives: count active, last change). Those entries are keyed by the stamp, so a list
   * ranked before a change made by any instance (or a script) is never served after it; entries
   * under an old stamp are dropped here so they do not linger until the TTL.
   */
  protected async syncWithRulesAndObjectives(sharedContext: Context): Promise<void> {
    const em = sharedContext.manager as SqlEntityManager
    const objectives = (await this.hasTable("objective", sharedContext))
      ? `(SELECT count(*) FILTER (WHERE status = 'active' AND deleted_at IS NULL) || '/' ||
                 coalesce(max(greatest(updated_at, deleted_at))::text, '') FROM objective)`
      : `''`
    const [row] = rows<{ stamp: string }>(
      await em.execute(
        `SELECT (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' ||
                        coalesce(max(greatest(updated_at, deleted_at))::text, '') FROM recommendation_rule)
                || '|' || ${objectives} AS stamp`
      )
    )
    const stamp = row?.stamp ?? ""
    if (this.stateStamp_ !== null && this.stateStamp_ !== stamp) {
      for (const key of [...this.cache_.keys()]) {
        if (key.startsWith("anonymous:") || key.startsWith("objective:")) {
          this.cache_.delete(key)
        }
      }
    }
    this.stateStamp_ = stamp
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
    await (sharedContext.manager as SqlEntityManager).execute("VACUUM ANALYZE product_affinity")
    this.clearCache()
    return result
  }

  @InjectTransactionManager()
  protected async rebuildAffinity_(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ pairs: number; orders: number }> {
    return await rebuildAffinityTables(sharedContext.transactionManager as SqlEntityManager, this.options_.history_cap)
  }

  /**
   * Records a served list (one row per `GET /store/recommendations`) with one plain INSERT: it is
   * on every request's path, so it skips the ORM's entity bookkeeping.
   */
  @InjectManager()
  async recordServe(serve: ServedList, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await insertServe(sharedContext.manager as SqlEntityManager, serve)
  }

  /** Deletes served lists older than `serve_retention_days`; returns how many. */
  @InjectManager()
  async deleteExpiredServes(@MedusaContext() sharedContext: Context = {}): Promise<number> {
    return await deleteServesOlderThan(sharedContext.manager as SqlEntityManager, this.options_.serve_retention_days)
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
    const result = await recordOrderPairs(
      sharedContext.transactionManager as SqlEntityManager,
      orderId,
      this.options_.history_cap
    )
    if (result.pairs || result.new_products) {
      this.cache_.delete("buyers")
    }
    return result
  }

  /** The customer's purchases: distinct products with the last purchase date. */
  @InjectManager()
  async getPurchaseHistory(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PurchaseHistoryItem[]> {
    const em = sharedContext.manager as SqlEntityManager
    const result = rows<{ product_id: string; last_at: Date | string }>(
      await em.execute(
        `SELECT li.product_id, max(o.created_at) AS last_at ${PURCHASE_LINES} AND o.customer_id = ?
         GROUP BY li.product_id`,
        [customerId]
      )
    )
    return result.map((r) => ({ product_id: r.product_id, last_purchased_at: new Date(r.last_at) }))
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
    const em = sharedContext.manager as SqlEntityManager
    const [result, buyers] = await Promise.all([
      em.execute(
        `SELECT h.pid AS seed, n.related_product_id AS product_id, n.customer_count AS count, n.later_count AS later
         FROM unnest(ARRAY[?]::text[]) AS h(pid)
         CROSS JOIN LATERAL (
           SELECT pa.related_product_id, pa.customer_count, pa.later_count FROM product_affinity pa
           WHERE pa.product_id = h.pid AND pa.related_product_id <> h.pid
             AND pa.customer_count >= ? AND pa.deleted_at IS NULL
           ORDER BY pa.weight DESC, pa.related_product_id
           LIMIT ?
         ) n`,
        [productIds, this.options_.min_support, this.options_.neighbors_per_product]
      ),
      this.getBuyerCounts(sharedContext),
    ])
    for (const r of rows<{ seed: string; product_id: string; count: number; later: number }>(result)) {
      const list = neighbors.get(r.seed) ?? []
      list.push({ product_id: r.product_id, count: Number(r.count), later: Number(r.later) })
      neighbors.set(r.seed, list)
      const n = buyers.get(r.product_id)
      if (n !== undefined) {
        itemCounts.set(r.product_id, n)
      }
    }
    for (const id of productIds) {
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
    const em = sharedContext.manager as SqlEntityManager
    return await this.cached("buyers", async () => {
      const result = rows<{ product_id: string; n: number }>(
        await em.execute(
          `SELECT product_id, customer_count AS n FROM product_affinity
           WHERE product_id = related_product_id AND deleted_at IS NULL`
        )
      )
      return new Map(result.map((r) => [r.product_id, Number(r.n)]))
    })
  }

  /**
   * Facts of ranking candidates (hundreds per request), cached per product and channel set for
   * cache_ttl_seconds; the products finally listed are re-checked fresh by `servable`.
   */
  protected async getCandidateFacts(
    productIds: string[],
    salesChannelIds: string[],
    sharedContext: Context
  ): Promise<Map<string, ProductFacts>> {
    const channels = [...salesChannelIds].sort().join(",")
    const now = Date.now()
    const ttl = this.options_.cache_ttl_seconds * 1000
    const out = new Map<string, ProductFacts>()
    const missing: string[] = []
    for (const id of productIds) {
      const hit = this.factsCache_.get(`${channels}|${id}`)
      if (hit && now - hit.at < ttl) {
        out.set(id, hit.value)
      } else {
        missing.push(id)
      }
    }
    if (missing.length) {
      const fresh = await this.getProductFacts(missing, salesChannelIds, sharedContext)
      if (this.factsCache_.size + fresh.size > MAX_FACTS_ENTRIES) {
        this.factsCache_.clear()
      }
      for (const [id, facts] of fresh) {
        out.set(id, facts)
        this.factsCache_.set(`${channels}|${id}`, { at: now, value: facts })
      }
    }
    return out
  }

  /** Status, sales channel membership, categories, collection, tags and repurchase window of products. */
  @InjectManager()
  async getProductFacts(
    productIds: string[],
    salesChannelIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, ProductFacts>> {
    const out = new Map<string, ProductFacts>()
    if (!productIds.length) {
      return out
    }
    const em = sharedContext.manager as SqlEntityManager
    const channels = salesChannelIds.length ? salesChannelIds : ["__none__"]
    const result = rows<{
      id: string
      status: string
      collection_id: string | null
      repurchase_window_days: string | null
      in_channel: boolean
      category_ids: string[] | null
      tag_ids: string[] | null
    }>(
      await em.execute(
        `SELECT p.id, p.status, p.collection_id,
                p.metadata->>'repurchase_window_days' AS repurchase_window_days,
                EXISTS (
                  SELECT 1 FROM product_sales_channel psc
                  WHERE psc.product_id = p.id AND psc.sales_channel_id IN (?) AND psc.deleted_at IS NULL
                ) AS in_channel,
                ARRAY(SELECT pcp.product_category_id FROM product_category_product pcp WHERE pcp.product_id = p.id) AS category_ids,
                ARRAY(SELECT pt.product_tag_id FROM product_tags pt WHERE pt.product_id = p.id) AS tag_ids
         FROM product p
         WHERE p.id IN (?) AND p.deleted_at IS NULL`,
        [channels, productIds]
      )
    )
    for (const r of result) {
      const window = r.repurchase_window_days === null ? NaN : Number(r.repurchase_window_days)
      out.set(r.id, {
        published: r.status === "published",
        in_sales_channel: !!r.in_channel,
        collection_id: r.collection_id,
        category_ids: r.category_ids ?? [],
        tag_ids: r.tag_ids ?? [],
        repurchase_window_days: Number.isFinite(window) && window >= 0 ? window : null,
      })
    }
    return out
  }

  /** Store-wide best sellers (customers who bought), cached. */
  @InjectManager()
  async getPopular(
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ product_id: string; count: number }[]> {
    const em = sharedContext.manager as SqlEntityManager
    return await this.cached(`popular:${limit}`, async () =>
      rows<{ product_id: string; count: number }>(
        await em.execute(
          `SELECT product_id, customer_count AS count FROM product_affinity
           WHERE product_id = related_product_id AND deleted_at IS NULL
           ORDER BY customer_count DESC, product_id LIMIT ?`,
          [limit]
        )
      ).map((r) => ({ product_id: r.product_id, count: Number(r.count) }))
    )
  }

  /** Best sellers within categories, cached. */
  @InjectManager()
  async getPopularInCategories(
    categoryIds: string[],
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ product_id: string; count: number }[]> {
    if (!categoryIds.length) {
      return []
    }
    const em = sharedContext.manager as SqlEntityManager
    const key = `category:${[...categoryIds].sort().join(",")}:${limit}`
    return await this.cached(key, async () =>
      rows<{ product_id: string; count: number }>(
        await em.execute(
          `SELECT pa.product_id, max(pa.customer_count) AS count FROM product_affinity pa
           JOIN product_category_product pcp ON pcp.product_id = pa.product_id
           WHERE pcp.product_category_id IN (?) AND pa.product_id = pa.related_product_id AND pa.deleted_at IS NULL
           GROUP BY pa.product_id
           ORDER BY count DESC, pa.product_id LIMIT ?`,
          [categoryIds, limit]
        )
      ).map((r) => ({ product_id: r.product_id, count: Number(r.count) }))
    )
  }

  /** Best sellers among current members of segments (the segment module's table; none if it is absent), cached. */
  @InjectManager()
  async getPopularInSegments(
    segmentIds: string[],
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ product_id: string; count: number }[]> {
    if (!segmentIds.length || !(await this.hasTable("segment_membership", sharedContext))) {
      return []
    }
    const em = sharedContext.manager as SqlEntityManager
    const key = `segment:${[...segmentIds].sort().join(",")}:${limit}`
    return await this.cached(key, async () =>
      rows<{ product_id: string; count: number }>(
        await em.execute(
          `SELECT li.product_id, count(DISTINCT o.customer_id) AS count ${PURCHASE_LINES}
             AND o.customer_id IN (
               SELECT sm.customer_id FROM segment_membership sm
               WHERE sm.segment_id IN (?) AND sm.exited_at IS NULL
             )
           GROUP BY li.product_id ORDER BY count DESC, li.product_id LIMIT ?`,
          [segmentIds, limit]
        )
      ).map((r) => ({ product_id: r.product_id, count: Number(r.count) }))
    )
  }

  /** The customer's current segments (empty when the segment module has no membership table yet). */
  @InjectManager()
  async getCustomerSegmentIds(customerId: string, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (!(await this.hasTable("segment_membership", sharedContext))) {
      return []
    }
    const em = sharedContext.manager as SqlEntityManager
    const result = rows<{ segment_id: string }>(
      await em.execute(
        `SELECT DISTINCT segment_id FROM segment_membership WHERE customer_id = ? AND exited_at IS NULL ORDER BY segment_id`,
        [customerId]
      )
    )
    return result.map((r) => r.segment_id)
  }

  /** The active objective governing recommendations (most recently created active one), cached. */
  @InjectManager()
  async getActiveObjective(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; holdout_share: number } | null> {
    if (!(await this.hasTable("objective", sharedContext))) {
      return null
    }
    const em = sharedContext.manager as SqlEntityManager
    // keyed by the stamp too: a load that began before a change cannot be served after it
    return await this.cached(`objective:${this.stateStamp_ ?? ""}`, async () => {
      const [row] = rows<{ id: string; holdout_share: number }>(
        await em.execute(
          `SELECT id, holdout_share FROM objective WHERE status = 'active' AND deleted_at IS NULL
           ORDER BY created_at DESC, id LIMIT 1`
        )
      )
      return row ? { id: row.id, holdout_share: Number(row.holdout_share) } : null
    })
  }

  /** Product ids in a cart. */
  @InjectManager()
  async getCartProductIds(
    cartId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ exists: boolean; product_ids: string[] }> {
    const em = sharedContext.manager as SqlEntityManager
    const carts = rows<{ id: string }>(
      await em.execute(`SELECT id FROM cart WHERE id = ? AND deleted_at IS NULL`, [cartId])
    )
    if (!carts.length) {
      return { exists: false, product_ids: [] }
    }
    const items = rows<{ product_id: string }>(
      await em.execute(
        `SELECT DISTINCT product_id FROM cart_line_item WHERE cart_id = ? AND deleted_at IS NULL AND product_id IS NOT NULL`,
        [cartId]
      )
    )
    return { exists: true, product_ids: items.map((i) => i.product_id) }
  }

  protected async hasTable(name: string, sharedContext: Context): Promise<boolean> {
    const em = sharedContext.manager as SqlEntityManager
    return await this.cached(`table:${name}`, async () => {
      const [row] = rows<{ t: string | null }>(await em.execute(`SELECT to_regclass(?)::text AS t`, [name]))
      return !!row?.t
    })
  }
}

export default RecommendationModuleService
