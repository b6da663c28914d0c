import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { bestSellersInCategories, productFacts } from "./repositories/catalog"
import { bestSellers, buyerCounts, neighborRows, purchaseHistory } from "./repositories/reads"
import {
  engineGroup,
  fallbackListSize,
  PopularItem,
  RecommendationContext,
  RecommendationSettings,
  RecommendationSources,
  RecommendForInput,
  RecommendForResult,
  ServedModel,
} from "./types"
import { buyAgainList } from "./buy-again"
import { capHistory } from "./utils/co-purchase"
import { candidateIds, EngineInput, FallbackList, recommend } from "./utils/engine"
import { buildSeeds, scoreCandidates, ScoringOptions } from "./utils/scoring"
import { TtlCache } from "./utils/ttl-cache"
import { EngineRule, Neighbor, ProductFacts } from "./utils/types"

/** In-memory cache bound (best-seller lists, anonymous recommendation lists). */
const MAX_CACHE_ENTRIES = 5000
/** Product facts cached for ranking (one entry per product and sales-channel set). */
const MAX_FACTS_ENTRIES = 100000
/** Extra items ranked so that the fresh re-check of the listed products does not shorten the list. */
const VERIFY_SPARE = 4

/**
 * One request's orchestration, for the module service: reads the customer's history, the
 * co-purchase neighbours and the catalog facts (through `repositories/`), takes groups, segments and
 * cart from the context and segment best sellers from the sources, caches what may be cached, and
 * runs the pure engine. `db` is the entity manager of the service's context.
 */
export class Recommender {
  protected readonly lists_: TtlCache
  protected readonly facts_: TtlCache<ProductFacts>

  constructor(protected readonly options: RecommendationSettings) {
    const ttl = () => this.options.cache_ttl_seconds * 1000
    this.lists_ = new TtlCache(ttl, MAX_CACHE_ENTRIES)
    this.facts_ = new TtlCache<ProductFacts>(ttl, MAX_FACTS_ENTRIES)
  }

  /** Forgets every cached list and product fact. */
  clear(): void {
    this.lists_.clear()
    this.facts_.clear()
  }

  /** Drops cached anonymous lists (the rules changed). */
  forgetAnonymousLists(): void {
    this.lists_.deletePrefix("anonymous:")
  }

  /** The model the store's validation chose, cached for cache_ttl_seconds (`load` reads it). */
  async servedModel(load: () => Promise<ServedModel | null>): Promise<ServedModel | null> {
    return await this.lists_.through("served-model", load)
  }

  /** Drops the cached model (a validation finished on this instance). */
  forgetServedModel(): void {
    this.lists_.delete("served-model")
  }

  /** Drops the cached buyer counts (an order changed them). */
  forgetBuyerCounts(): void {
    this.lists_.delete("buyers")
  }

  /**
   * Recommendations for one request. An anonymous request without a cart depends only on
   * placement, anchor product, sales channels, limit and the rules: its list is cached under the
   * rules' stamp for cache_ttl_seconds. Logged-in customers are never cached: what they just bought
   * must disappear at once.
   */
  async recommend(
    db: unknown,
    input: RecommendForInput,
    context: RecommendationContext,
    sources: RecommendationSources,
    rules: () => Promise<EngineRule[]>,
    rulesStamp: string,
    model: ServedModel | null = null
  ): Promise<RecommendForResult> {
    if (!input.customer_id && !input.cart_id && !input.now && input.use_cache !== false) {
      const key = [
        "anonymous",
        input.placement,
        input.product_id ?? "",
        [...input.sales_channel_ids].sort().join(","),
        input.limit,
        // an in-flight list ranked before a rule change lands under the old stamp, never served again
        rulesStamp,
      ].join(":")
      const result = await this.lists_.through(key, async () =>
        this.compute(db, input, context, sources, await rules())
      )
      // the governing objective may have changed since the list was cached; anonymous visitors have no group
      const experiment = { objective_id: context.engine_objective_id, group: null, personalized: false, groups: [] }
      return await this.servable(db, { ...result, experiment }, input)
    }
    return await this.servable(db, await this.compute(db, input, context, sources, await rules(), model), input)
  }

  /**
   * The hard filters on fresh data: candidates were ranked with product facts up to
   * cache_ttl_seconds old (and anonymous lists are cached), so the listed products are checked
   * again, published and in the request's sales channels, with one small read; the list was
   * ranked with `VERIFY_SPARE` extra items so a product dropped here does not shorten it.
   */
  protected async servable(
    db: unknown,
    result: RecommendForResult,
    input: RecommendForInput
  ): Promise<RecommendForResult> {
    const facts = await productFacts(
      db,
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

  protected async compute(
    db: unknown,
    input: RecommendForInput,
    context: RecommendationContext,
    sources: RecommendationSources,
    rules: EngineRule[],
    model: ServedModel | null = null
  ): Promise<RecommendForResult> {
    const now = input.now ?? new Date()
    const group = input.customer_id ? engineGroup(context) : null
    if (input.placement === "buy_again") {
      return await buyAgainList(db, input, context, now, input.limit + VERIFY_SPARE, rules)
    }
    const personalized = !!input.customer_id && group !== "holdout"
    // The store's validation chose best sellers: personalized (filters, segments) but no history seeds.
    const bestSellersChosen = personalized && !!model && model.params === null
    const maxSeeds = bestSellersChosen ? 0 : this.options.max_seeds
    const history = input.customer_id ? await purchaseHistory(db, input.customer_id) : []
    const segmentIds = input.customer_id ? context.segment_ids : []
    const cartProductIds = context.cart_product_ids ?? []

    let anchors: string[] = []
    let anchorCategories: string[] = []
    if (input.placement === "product" && input.product_id) {
      const facts = await productFacts(db, [input.product_id], input.sales_channel_ids)
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
      ...new Set([...(personalized ? capHistory(history, maxSeeds).map((h) => h.product_id) : []), ...anchors]),
    ]
    // the chosen model's neighbour count (validation ranked it with as many); anonymous: the module's
    const { neighbors, item_counts } = await this.neighbors(
      db,
      seedIds,
      personalized ? model?.params?.neighbors : undefined
    )
    const fallbackSize = fallbackListSize(input.limit)
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
        items: await this.popularInCategories(db, anchorCategories, fallbackSize),
      })
    }
    fallbacks.push({ source: "fallback_store", items: await this.popular(db, fallbackSize) })

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
      max_seeds: maxSeeds,
      max_candidates: this.options.max_candidates,
      scoring: personalized ? (model?.params ?? undefined) : undefined,
    }
    const facts = await this.candidateFacts(db, candidateIds(engineInput), input.sales_channel_ids)
    const out = recommend({ ...engineInput, limit: input.limit + VERIFY_SPARE, facts })
    if (bestSellersChosen) {
      for (const item of out.items.filter((i) => i.trace.fallback)) {
        item.reasons.push({
          type: "fallback",
          message: `The store's validation chose best sellers (${model!.validation_id})`,
        })
      }
    }
    return {
      recommendation_id: generateEntityId(undefined, "rec"),
      placement: input.placement,
      items: out.items,
      filters: out.filters,
      experiment: { objective_id: context.engine_objective_id, group, personalized, groups: context.groups },
      segment_ids: segmentIds,
      rules_applied: out.rules_applied,
      exclude_rule_ids: out.exclude_rule_ids,
    }
  }

  /**
   * Orders a list of products for a customer: by co-purchase affinity with their history (stable
   * for ties), products they already bought last. Customers in the holdout of the objective
   * governing the engine keep the given order. When the store's validation chose best sellers
   * (`coPurchase` false), only what they already bought moves last: co-purchase order did not beat
   * best sellers on this store.
   */
  async rank(
    db: unknown,
    customerId: string,
    productIds: string[],
    context: Pick<RecommendationContext, "groups" | "engine_objective_id">,
    scoring?: ScoringOptions,
    coPurchase = true
  ): Promise<{ order: string[]; personalized: boolean }> {
    const group = engineGroup({ ...context, segment_ids: [], cart_product_ids: null })
    if (group === "holdout" || !productIds.length) {
      return { order: productIds, personalized: false }
    }
    const history = await purchaseHistory(db, customerId)
    const seeds = coPurchase ? buildSeeds(capHistory(history, this.options.max_seeds), [], new Date(), scoring) : []
    const { neighbors, item_counts } = await this.neighbors(
      db,
      seeds.map((s) => s.product_id),
      scoring?.neighbors
    )
    const score = new Map(scoreCandidates(seeds, neighbors, item_counts, scoring).map((c) => [c.product_id, c.score]))
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

  /**
   * Top `perProduct` (default: the module's `neighbors_per_product`) co-purchase neighbours of each
   * seed (count >= min_support) and the buyer counts of seeds and neighbours.
   */
  async neighbors(
    db: unknown,
    productIds: string[],
    perProduct?: number
  ): Promise<{ neighbors: Map<string, Neighbor[]>; item_counts: Map<string, number> }> {
    const neighbors = new Map<string, Neighbor[]>()
    const itemCounts = new Map<string, number>()
    if (!productIds.length) {
      return { neighbors, item_counts: itemCounts }
    }
    const [found, buyers] = await Promise.all([
      neighborRows(db, productIds, this.options.min_support, perProduct ?? this.options.neighbors_per_product),
      this.buyerCounts(db),
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
  async buyerCounts(db: unknown): Promise<Map<string, number>> {
    return await this.lists_.through("buyers", () => buyerCounts(db))
  }

  /** Store-wide best sellers (customers who bought), cached. */
  async popular(db: unknown, limit: number): Promise<PopularItem[]> {
    return await this.lists_.through(`popular:${limit}`, () => bestSellers(db, limit))
  }

  /**
   * Facts of ranking candidates (hundreds per request), cached per product and channel set for
   * cache_ttl_seconds; the products finally listed are re-checked fresh by `servable`.
   */
  protected async candidateFacts(
    db: unknown,
    productIds: string[],
    salesChannelIds: string[]
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
      for (const [id, facts] of await productFacts(db, missing, salesChannelIds)) {
        out.set(id, facts)
        this.facts_.set(`${channels}|${id}`, facts)
      }
    }
    return out
  }

  /** Best sellers within categories, cached. */
  protected async popularInCategories(db: unknown, categoryIds: string[], limit: number): Promise<PopularItem[]> {
    const key = `category:${[...categoryIds].sort().join(",")}:${limit}`
    return await this.lists_.through(key, () => bestSellersInCategories(db, categoryIds, limit))
  }

  /** Best sellers among current members of segments (the segment module counts them), cached. */
  protected async popularInSegments(
    segmentIds: string[],
    limit: number,
    sources: RecommendationSources
  ): Promise<PopularItem[]> {
    const key = `segment:${[...segmentIds].sort().join(",")}:${limit}`
    return await this.lists_.through(key, () => sources.bestSellersInSegments(segmentIds, limit))
  }
}
