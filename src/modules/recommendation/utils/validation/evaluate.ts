import { DEFAULT_OPTIONS, fallbackListSize, PopularItem } from "../../types"
import { capHistory, CoPurchaseCounts, countCoPurchases, topNeighbors } from "../co-purchase"
import { recommend } from "../engine"
import { hitRate, ndcgAtK } from "../metrics"
import { Neighbor, ProductFacts, PurchaseHistoryItem } from "../types"
import { CandidateModel, CandidateOutcome, CandidateScore, EngineSizes, ValidationPurchase } from "./types"

/** Recommendations scored per customer (the store route's default limit). */
export const VALIDATION_K = 10

/**
 * Test customers scored at most (a deterministic sample beyond): bounds a large store's validation
 * to about a minute on two cores; 1,000 customers measure a hit rate within about 3 points (95%).
 */
export const MAX_VALIDATION_CUSTOMERS = 1000

/** The live route's sizes: the module's defaults, never separate constants. */
export const LIVE_SIZES: EngineSizes = {
  history_cap: DEFAULT_OPTIONS.history_cap,
  neighbors_per_product: DEFAULT_OPTIONS.neighbors_per_product,
  min_support: DEFAULT_OPTIONS.min_support,
  max_seeds: DEFAULT_OPTIONS.max_seeds,
  max_candidates: DEFAULT_OPTIONS.max_candidates,
}

type TimedHistoryItem = PurchaseHistoryItem & { first_purchased_at: Date }

/** Everything the candidates are ranked from on one split, built once and shared by all of them. */
export type PreparedSplit = {
  cut: Date
  k: number
  sizes: EngineSizes
  /** Training history of each test customer. */
  histories: Map<string, TimedHistoryItem[]>
  /** Products each test customer bought on or after the cut. */
  relevant: Map<string, Set<string>>
  test_customers: string[]
  counts: CoPurchaseCounts
  /** Top neighbours per product, `neighbors_read` of them (the most any candidate reads). */
  neighbors: Map<string, Neighbor[]>
  neighbors_read: number
  /** The lists cut to fewer neighbours, per count (a candidate reading fewer sees only its prefix, as in SQL). */
  neighbors_by_count: Map<number, Map<string, Neighbor[]>>
  /** The store's best-seller list as the route reads it: buyers per product (the affinity diagonal). */
  best_sellers: PopularItem[]
  facts: Map<string, ProductFacts>
}

/**
 * Builds the training side of a split exactly as the store does: histories before the cut, the
 * co-purchase counts of `product_affinity` (each customer's most recent `history_cap` products),
 * top neighbours with `min_support`, and the best-seller list from the counts' diagonal.
 * `neighborsRead`: the most neighbours per product any candidate reads (at least the sizes').
 */
export function prepareSplit(
  purchases: Iterable<ValidationPurchase>,
  cut: Date,
  sizes: EngineSizes = LIVE_SIZES,
  k = VALIDATION_K,
  maxCustomers = Infinity,
  neighborsRead = sizes.neighbors_per_product
): PreparedSplit {
  const t = cut.getTime()
  const train = new Map<string, Map<string, { first: Date; last: Date }>>()
  const after = new Map<string, Set<string>>()
  for (const p of purchases) {
    if (p.at.getTime() < t) {
      let h = train.get(p.customer_id)
      if (!h) {
        h = new Map()
        train.set(p.customer_id, h)
      }
      const prev = h.get(p.product_id)
      if (!prev) {
        h.set(p.product_id, { first: p.at, last: p.at })
      } else {
        if (p.at > prev.last) prev.last = p.at
        if (p.at < prev.first) prev.first = p.at
      }
    } else {
      let s = after.get(p.customer_id)
      if (!s) {
        s = new Set()
        after.set(p.customer_id, s)
      }
      s.add(p.product_id)
    }
  }
  const all = new Map<string, TimedHistoryItem[]>()
  for (const [c, h] of train) {
    all.set(
      c,
      [...h].map(([product_id, d]) => ({ product_id, last_purchased_at: d.last, first_purchased_at: d.first }))
    )
  }
  const counts = countCoPurchases([...all.values()].map((h) => capHistory(h, sizes.history_cap)))
  const read = Math.max(neighborsRead, sizes.neighbors_per_product)
  const neighbors = topNeighbors(counts, read, sizes.min_support)
  const best_sellers = [...counts.items]
    .map(([product_id, count]) => ({ product_id, count }))
    .sort((a, b) => b.count - a.count || (a.product_id < b.product_id ? -1 : 1))
    .slice(0, fallbackListSize(k))
  const test_customers = sampleCustomers(
    [...after.keys()].filter((c) => all.has(c)),
    maxCustomers
  )
  const facts = new Map<string, ProductFacts>(
    [...counts.items.keys()].map((id) => [id, { published: true, in_sales_channel: true }])
  )
  return {
    cut,
    k,
    sizes,
    histories: new Map(test_customers.map((c) => [c, all.get(c)!])),
    relevant: new Map(test_customers.map((c) => [c, after.get(c)!])),
    test_customers,
    counts,
    neighbors,
    neighbors_read: read,
    neighbors_by_count: new Map([[read, neighbors]]),
    best_sellers,
    facts,
  }
}

/**
 * At most `max` customers, the same ones on every run: those with the smallest FNV-1a hash of their
 * id (an unbiased sample, whatever the ids look like), sorted by id.
 */
export function sampleCustomers(ids: string[], max: number): string[] {
  if (ids.length <= max) {
    return [...ids].sort()
  }
  const hash = (s: string) => {
    let h = 0x811c9dc5
    for (let i = 0; i < s.length; i++) {
      h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0
    }
    return h
  }
  return ids
    .map((id) => ({ id, h: hash(id) }))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1))
    .slice(0, max)
    .map((x) => x.id)
    .sort()
}

/** The most neighbours per product any of `candidates` reads with these sizes. */
export function neighborsRead(candidates: readonly CandidateModel[], sizes: EngineSizes = LIVE_SIZES): number {
  return Math.max(sizes.neighbors_per_product, ...candidates.map((c) => c.scoring?.neighbors ?? 0))
}

/**
 * The neighbour lists a model reads: each product's top `scoring.neighbors` (else the sizes'
 * `neighbors_per_product`) by weight, the prefix of the split's longer lists, as the route's
 * `LIMIT` reads them.
 */
export function neighborsFor(split: PreparedSplit, model: CandidateModel): Map<string, Neighbor[]> {
  const n = model.scoring?.neighbors ?? split.sizes.neighbors_per_product
  if (n > split.neighbors_read) {
    throw new Error(`the split holds ${split.neighbors_read} neighbours per product, ${model.key} reads ${n}`)
  }
  let lists = split.neighbors_by_count.get(n)
  if (!lists) {
    lists = new Map([...split.neighbors].map(([id, list]) => [id, list.slice(0, n)]))
    split.neighbors_by_count.set(n, lists)
  }
  return lists
}

/** The list the store would serve a customer on the prepared split's cut date under `model`. */
export function recommendAt(split: PreparedSplit, customerId: string, model: CandidateModel): string[] {
  const personalized = model.scoring !== null
  const out = recommend({
    limit: split.k,
    now: split.cut,
    personalized,
    segment_ids: [],
    // best sellers: the history still feeds the already-bought filter, but seeds nothing
    history: split.histories.get(customerId) ?? [],
    anchors: [],
    cart_product_ids: [],
    neighbors: personalized ? neighborsFor(split, model) : new Map(),
    item_counts: split.counts.items,
    facts: split.facts,
    rules: [],
    fallbacks: [{ source: "fallback_store", items: split.best_sellers }],
    objective_id: null,
    max_seeds: split.sizes.max_seeds,
    max_candidates: split.sizes.max_candidates,
    scoring: model.scoring ?? undefined,
  })
  return out.items.map((i) => i.product_id)
}

/**
 * Hit rate@k (any recommended product bought on or after the cut) and NDCG@k (relevant: products
 * bought on or after the cut and not before, the only ones the engine may show) over the split's
 * test customers, with each customer's hit (in `test_customers` order) for paired comparisons.
 */
export function evaluateCandidate(split: PreparedSplit, model: CandidateModel): CandidateOutcome {
  const n = split.test_customers.length
  const perCustomer = new Uint8Array(n)
  let hits = 0
  let ndcg = 0
  split.test_customers.forEach((c, i) => {
    const ids = recommendAt(split, c, model)
    const relevant = split.relevant.get(c)!
    const bought = new Set(split.histories.get(c)!.map((h) => h.product_id))
    perCustomer[i] = hitRate(ids, relevant)
    hits += perCustomer[i]
    ndcg += ndcgAtK(ids, new Set([...relevant].filter((id) => !bought.has(id))), split.k)
  })
  return {
    key: model.key,
    label: model.label,
    scoring: model.scoring,
    hit_rate: n ? hits / n : 0,
    ndcg: n ? ndcg / n : 0,
    customers: n,
    hits: perCustomer,
  }
}

/** `evaluateCandidate` without the per-customer hits. */
export function scoreCandidate(split: PreparedSplit, model: CandidateModel): CandidateScore {
  const { hits: _hits, ...score } = evaluateCandidate(split, model)
  return score
}
