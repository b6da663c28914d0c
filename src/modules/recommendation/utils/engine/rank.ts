import { Working } from "./types"

/** Pinned first (by pin weight), then by stage, score, and product id for stable ties. In place. */
export function sortWorking(list: Working[]): void {
  list.sort(
    (a, b) =>
      b.pinned - a.pinned ||
      a.stage - b.stage ||
      b.score - a.score ||
      (a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0)
  )
}

/**
 * Greedy re-ranking of the unpinned co-purchase block (in place): each pick multiplies the
 * effective score of remaining candidates whose main seed is the same by `factor`.
 */
export function diversify(list: Working[], mainSeed: Map<string, string>, factor: number, limit: number): void {
  if (factor >= 1) {
    return
  }
  const start = list.findIndex((w) => w.pinned === 0 && w.source === "co_purchase")
  if (start < 0) {
    return
  }
  let end = start
  while (end < list.length && list[end].pinned === 0 && list[end].source === "co_purchase") {
    end++
  }
  const pool = list.slice(start, end)
  const used = new Map<string, number>()
  const effective = (w: Working) => w.score * Math.pow(factor, used.get(mainSeed.get(w.product_id) ?? "") ?? 0)
  const picked: Working[] = []
  while (pool.length && picked.length < limit) {
    let best = 0
    for (let i = 1; i < pool.length; i++) {
      if (effective(pool[i]) > effective(pool[best])) {
        best = i
      }
    }
    const [w] = pool.splice(best, 1)
    const seed = mainSeed.get(w.product_id) ?? ""
    used.set(seed, (used.get(seed) ?? 0) + 1)
    picked.push(w)
  }
  list.splice(start, end - start, ...picked, ...pool)
}

export function round(n: number): number {
  return Math.round(n * 1e6) / 1e6
}
