import { Neighbor } from "./types"

/**
 * Co-purchase counts over customers' histories. Per ordered pair (a, b), a !== b:
 * - customers: customers who bought both a and b (each customer counts once per pair, whatever the
 *   quantities or number of orders);
 * - later: customers who bought b for the first time at least `LATER_LAG_DAYS` after their first
 *   purchase of a ("bought a, came back for b"; only counted for timed histories);
 * - weighted: sum over the customers who bought both of 1 / (products the customer counts in, their
 *   capped history): a customer who bought 3 products says more about a pair than a wholesaler who
 *   bought 50 (RP3beta's user-degree step, docs/recommendations.md).
 * `items[a]` = customers who bought a. Symmetric but for `later`. Exactly what the `product_affinity`
 * table holds (the diagonal a = a holds `items`). Read pairs with `pairCounts` / `forEachPair`.
 *
 * Stored compactly: products are numbered in the order first seen, and each unordered pair is one
 * slot of an open-addressing table of typed arrays (28 bytes a slot, at most 3/4 of the slots used)
 * instead of six entries of three nested maps: on the 1M-line bench store's 2.1M unordered pairs,
 * 117 MB of arrays against 488 MB of maps (heap after a full GC).
 */
export type CoPurchaseCounts = {
  items: Map<string, number>
  /** Product ids by number. */
  readonly ids: readonly string[]
  /** Product id -> number. */
  readonly index: ReadonlyMap<string, number>
  /** The unordered pairs (the lower product number first). */
  readonly table: PairTable
}

/** What a pair of products holds, seen from a: customers, came back for b after a, weighted customers. */
export type PairCounts = { customers: number; later: number; weighted: number }

/**
 * Unordered pairs (lo < hi by product number), open addressing with linear probing: `lo[s]` = -1
 * marks an empty slot. `later_lo_hi` counts "bought lo, came back for hi", `later_hi_lo` the reverse.
 */
export class PairTable {
  size = 0
  lo: Int32Array
  hi: Int32Array
  customers: Uint32Array
  later_lo_hi: Uint32Array
  later_hi_lo: Uint32Array
  weighted: Float64Array

  constructor(capacity = 1024) {
    this.allocate(2 ** Math.ceil(Math.log2(Math.max(16, capacity))))
  }

  /** Empty slots for `n` pairs (a power of two); the previous arrays are left to the caller. */
  private allocate(n: number) {
    this.lo = new Int32Array(n).fill(-1)
    this.hi = new Int32Array(n)
    this.customers = new Uint32Array(n)
    this.later_lo_hi = new Uint32Array(n)
    this.later_hi_lo = new Uint32Array(n)
    this.weighted = new Float64Array(n)
  }

  private static hash(lo: number, hi: number, mask: number): number {
    let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca77)
    h ^= h >>> 15
    h = Math.imul(h, 0x2c1b3c6d)
    h ^= h >>> 12
    return h & mask
  }

  /** The slot of the pair, or -1. */
  find(lo: number, hi: number): number {
    const mask = this.lo.length - 1
    for (let s = PairTable.hash(lo, hi, mask); ; s = (s + 1) & mask) {
      const l = this.lo[s]
      if (l === -1) return -1
      if (l === lo && this.hi[s] === hi) return s
    }
  }

  /** The slot of the pair, added empty when absent. */
  slot(lo: number, hi: number): number {
    // at most 3/4 full: linear probing stays short, and the arrays are at least 3/8 used
    if ((this.size + 1) * 4 > this.lo.length * 3) {
      this.grow()
    }
    const mask = this.lo.length - 1
    for (let s = PairTable.hash(lo, hi, mask); ; s = (s + 1) & mask) {
      const l = this.lo[s]
      if (l === -1) {
        this.lo[s] = lo
        this.hi[s] = hi
        this.size++
        return s
      }
      if (l === lo && this.hi[s] === hi) return s
    }
  }

  private grow() {
    const old = { ...this }
    const n = this.lo.length * 2
    const mask = n - 1
    this.allocate(n)
    for (let o = 0; o < old.lo.length; o++) {
      const lo = old.lo[o]
      if (lo === -1) continue
      const hi = old.hi[o]
      let s = PairTable.hash(lo, hi, mask)
      while (this.lo[s] !== -1) s = (s + 1) & mask
      this.lo[s] = lo
      this.hi[s] = hi
      this.customers[s] = old.customers[o]
      this.later_lo_hi[s] = old.later_lo_hi[o]
      this.later_hi_lo[s] = old.later_hi_lo[o]
      this.weighted[s] = old.weighted[o]
    }
  }
}

/** The counts of the ordered pair (a, b) (`later`: came back for b after a), or undefined when no customer bought both. */
export function pairCounts(counts: CoPurchaseCounts, a: string, b: string): PairCounts | undefined {
  const i = counts.index.get(a)
  const j = counts.index.get(b)
  if (i === undefined || j === undefined || i === j) {
    return undefined
  }
  const t = counts.table
  const s = i < j ? t.find(i, j) : t.find(j, i)
  if (s < 0) {
    return undefined
  }
  return {
    customers: t.customers[s],
    later: i < j ? t.later_lo_hi[s] : t.later_hi_lo[s],
    weighted: t.weighted[s],
  }
}

/** Calls `fn` for every ordered pair (a, b), a !== b, bought together by at least one customer (both directions). */
export function forEachPair(counts: CoPurchaseCounts, fn: (a: string, b: string, c: PairCounts) => void): void {
  const t = counts.table
  for (let s = 0; s < t.lo.length; s++) {
    const lo = t.lo[s]
    if (lo === -1) continue
    const a = counts.ids[lo]
    const b = counts.ids[t.hi[s]]
    fn(a, b, { customers: t.customers[s], later: t.later_lo_hi[s], weighted: t.weighted[s] })
    fn(b, a, { customers: t.customers[s], later: t.later_hi_lo[s], weighted: t.weighted[s] })
  }
}

/** A product in a customer's history with the date they first bought it. */
export type TimedPurchase = { product_id: string; first_purchased_at: Date }

/**
 * A purchase counts as "later" when it comes at least this long after the first purchase of the
 * other product: a return visit, not the same basket (the store's SQL uses the same interval).
 */
export const LATER_LAG_DAYS = 1
const LAG_MS = LATER_LAG_DAYS * 86400000

/** Caps a history to its most recent `cap` distinct products (bounds the pair explosion of wholesalers). */
export function capHistory<T extends { product_id: string; last_purchased_at: Date }>(history: T[], cap: number): T[] {
  if (history.length <= cap) {
    return history
  }
  return [...history]
    .sort(
      (a, b) => b.last_purchased_at.getTime() - a.last_purchased_at.getTime() || (a.product_id < b.product_id ? -1 : 1)
    )
    .slice(0, cap)
}

/**
 * Counts co-purchases from one list per customer: distinct product ids, or products with their
 * first purchase date (which also counts `later`).
 */
export function countCoPurchases(histories: Iterable<(string | TimedPurchase)[]>): CoPurchaseCounts {
  const items = new Map<string, number>()
  const ids: string[] = []
  const index = new Map<string, number>()
  const table = new PairTable()
  const first = new Map<string, number>()
  for (const raw of histories) {
    first.clear()
    for (const p of raw) {
      const id = typeof p === "string" ? p : p.product_id
      const at = typeof p === "string" ? NaN : p.first_purchased_at.getTime()
      const prev = first.get(id)
      first.set(id, prev === undefined || at < prev ? at : prev)
    }
    const n = first.size
    const nums = new Int32Array(n)
    const times = new Float64Array(n)
    let k = 0
    for (const [id, at] of first) {
      items.set(id, (items.get(id) ?? 0) + 1)
      let x = index.get(id)
      if (x === undefined) {
        x = ids.length
        ids.push(id)
        index.set(id, x)
      }
      nums[k] = x
      times[k++] = at
    }
    // the same additions in the same order as one sum per ordered pair: identical floating-point weights
    const share = 1 / n
    for (let i = 0; i < n; i++) {
      const ti = times[i]
      for (let j = i + 1; j < n; j++) {
        const iLow = nums[i] < nums[j]
        const s = iLow ? table.slot(nums[i], nums[j]) : table.slot(nums[j], nums[i])
        table.customers[s]++
        table.weighted[s] += share
        const tj = times[j]
        // j came back after i: later[i][j]; i after j: later[j][i]
        if (tj >= ti + LAG_MS) {
          if (iLow) table.later_lo_hi[s]++
          else table.later_hi_lo[s]++
        } else if (ti >= tj + LAG_MS) {
          if (iLow) table.later_hi_lo[s]++
          else table.later_lo_hi[s]++
        }
      }
    }
  }
  return { items, ids, index, table }
}

/**
 * Top-k neighbours per product by affinity weight (customers who bought both + customers who
 * came back for the neighbour later; ties by id), dropping pairs seen by fewer than `minSupport`
 * customers: a pair bought by one customer would reveal that customer's basket.
 * Same selection as the store route's SQL (index on product_id, weight desc). Every product
 * bought with another by some customer has a list (empty when no pair has the support).
 */
export function topNeighbors(counts: CoPurchaseCounts, k: number, minSupport: number): Map<string, Neighbor[]> {
  const t = counts.table
  const n = counts.ids.length
  // products' supported pairs as adjacency lists (CSR): start[p] .. start[p + 1] in `slots`
  const paired = new Uint8Array(n)
  const start = new Uint32Array(n + 1)
  for (let s = 0; s < t.lo.length; s++) {
    const lo = t.lo[s]
    if (lo === -1) continue
    paired[lo] = paired[t.hi[s]] = 1
    if (t.customers[s] >= minSupport) {
      start[lo + 1]++
      start[t.hi[s] + 1]++
    }
  }
  for (let p = 0; p < n; p++) start[p + 1] += start[p]
  const fill = start.slice(0, n)
  const slots = new Uint32Array(start[n])
  for (let s = 0; s < t.lo.length; s++) {
    const lo = t.lo[s]
    if (lo === -1 || t.customers[s] < minSupport) continue
    slots[fill[lo]++] = s
    slots[fill[t.hi[s]]++] = s
  }
  const out = new Map<string, Neighbor[]>()
  for (let p = 0; p < n; p++) {
    if (!paired[p]) continue
    const list: Neighbor[] = []
    for (let e = start[p]; e < start[p + 1]; e++) {
      const s = slots[e]
      const low = t.lo[s] === p
      list.push({
        product_id: counts.ids[low ? t.hi[s] : t.lo[s]],
        count: t.customers[s],
        later: low ? t.later_lo_hi[s] : t.later_hi_lo[s],
        weighted: t.weighted[s],
      })
    }
    list.sort(byWeightThenId)
    out.set(counts.ids[p], list.slice(0, k))
  }
  return out
}

/** Affinity weight of a neighbour: customers who bought both plus those who came back for it. */
export function affinityWeight(n: Neighbor): number {
  return n.count + (n.later ?? 0)
}

export function byWeightThenId(x: Neighbor, y: Neighbor): number {
  return (
    affinityWeight(y) - affinityWeight(x) || (x.product_id < y.product_id ? -1 : x.product_id > y.product_id ? 1 : 0)
  )
}
