import { byWeightThenId, CoPurchaseCounts, forEachPair, LATER_LAG_DAYS, TimedPurchase } from "../co-purchase"
import { Neighbor } from "../types"

/** The co-purchase counts as three nested maps a -> b -> value (the shape before the pair table). */
export type NestedCounts = {
  items: Map<string, number>
  pairs: Map<string, Map<string, number>>
  later: Map<string, Map<string, number>>
  weighted: Map<string, Map<string, number>>
}

const LAG_MS = LATER_LAG_DAYS * 86400000

const bump = (m: Map<string, Map<string, number>>, a: string, b: string, by = 1) => {
  let row = m.get(a)
  if (!row) {
    row = new Map()
    m.set(a, row)
  }
  row.set(b, (row.get(b) ?? 0) + by)
}

/** The pair table read back as nested maps (`later` only where non-zero, as the maps held it). */
export function asNestedMaps(counts: CoPurchaseCounts): NestedCounts {
  const out: NestedCounts = { items: new Map(counts.items), pairs: new Map(), later: new Map(), weighted: new Map() }
  forEachPair(counts, (a, b, c) => {
    bump(out.pairs, a, b, c.customers)
    bump(out.weighted, a, b, c.weighted)
    if (c.later) {
      bump(out.later, a, b, c.later)
    }
  })
  return out
}

/** The previous `countCoPurchases`, verbatim: the reference the pair table must equal. */
export function nestedCountCoPurchases(histories: Iterable<(string | TimedPurchase)[]>): NestedCounts {
  const items = new Map<string, number>()
  const pairs = new Map<string, Map<string, number>>()
  const later = new Map<string, Map<string, number>>()
  const weighted = new Map<string, Map<string, number>>()
  for (const raw of histories) {
    const first = new Map<string, number>()
    for (const p of raw) {
      const id = typeof p === "string" ? p : p.product_id
      const at = typeof p === "string" ? NaN : p.first_purchased_at.getTime()
      const prev = first.get(id)
      first.set(id, prev === undefined || at < prev ? at : prev)
    }
    const ids = [...first.keys()]
    for (const id of ids) {
      items.set(id, (items.get(id) ?? 0) + 1)
    }
    const share = 1 / ids.length
    for (let i = 0; i < ids.length; i++) {
      const ti = first.get(ids[i])!
      for (let j = i + 1; j < ids.length; j++) {
        bump(pairs, ids[i], ids[j])
        bump(pairs, ids[j], ids[i])
        bump(weighted, ids[i], ids[j], share)
        bump(weighted, ids[j], ids[i], share)
        const tj = first.get(ids[j])!
        if (tj >= ti + LAG_MS) {
          bump(later, ids[i], ids[j])
        } else if (ti >= tj + LAG_MS) {
          bump(later, ids[j], ids[i])
        }
      }
    }
  }
  return { items, pairs, later, weighted }
}

/** The previous `topNeighbors` over nested maps, verbatim. */
export function nestedTopNeighbors(counts: NestedCounts, k: number, minSupport: number): Map<string, Neighbor[]> {
  const out = new Map<string, Neighbor[]>()
  for (const [a, row] of counts.pairs) {
    const list: Neighbor[] = []
    const laterRow = counts.later?.get(a)
    const weightedRow = counts.weighted?.get(a)
    for (const [b, count] of row) {
      if (count >= minSupport) {
        list.push({ product_id: b, count, later: laterRow?.get(b) ?? 0, weighted: weightedRow?.get(b) ?? 0 })
      }
    }
    list.sort(byWeightThenId)
    out.set(a, list.slice(0, k))
  }
  return out
}
