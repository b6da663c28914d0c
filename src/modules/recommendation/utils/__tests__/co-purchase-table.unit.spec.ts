import fc from "fast-check"
import { countCoPurchases, PairTable, pairCounts, TimedPurchase, topNeighbors } from "../co-purchase"
import { asNestedMaps, nestedCountCoPurchases, nestedTopNeighbors } from "./nested-counts"

const DAY = 86400000
const t0 = Date.UTC(2024, 0, 1)

/** Customers' histories: product ids from a small catalog (many shared pairs), first bought within 60 days (hours apart). */
const histories = (timed: boolean) =>
  fc
    .array(
      fc.array(fc.record({ p: fc.integer({ min: 0, max: 40 }), h: fc.integer({ min: 0, max: 60 * 24 }) }), {
        maxLength: 15,
      }),
      { maxLength: 60 }
    )
    .map((cs) =>
      cs.map((c) =>
        c.map(({ p, h }): string | TimedPurchase =>
          timed ? { product_id: `p${p}`, first_purchased_at: new Date(t0 + h * 3600000) } : `p${p}`
        )
      )
    )

describe("co-purchase pair table", () => {
  it.each([false, true])(
    "holds exactly the counts of the nested maps it replaced, weights bit for bit (timed: %s)",
    (timed) => {
      fc.assert(
        fc.property(histories(timed), (hs) => {
          const table = countCoPurchases(hs)
          const nested = nestedCountCoPurchases(hs)
          expect(asNestedMaps(table)).toEqual(nested)
          for (const [k, min] of [
            [200, 2],
            [3, 1],
            [1, 3],
          ]) {
            expect(topNeighbors(table, k, min)).toEqual(nestedTopNeighbors(nested, k, min))
          }
        }),
        { numRuns: 200 }
      )
    }
  )

  it.each([
    // [histories, a, b, customers, later (came back for b after a), weighted]
    [[["a", "b"]], "a", "b", 1, 0, 1 / 2],
    [[["a", "b"]], "b", "a", 1, 0, 1 / 2],
    [[["a"], ["b"]], "a", "b", undefined, undefined, undefined],
    [
      [
        [
          { product_id: "b", first_purchased_at: new Date(t0) },
          { product_id: "a", first_purchased_at: new Date(t0 + 2 * DAY) },
        ],
      ],
      "b",
      "a",
      1,
      1,
      1 / 2,
    ],
  ] as [(string | TimedPurchase)[][], string, string, number?, number?, number?][])(
    "pairCounts %#",
    (hs, a, b, customers, later, weighted) => {
      const c = pairCounts(countCoPurchases(hs), a, b)
      expect(c?.customers).toBe(customers)
      expect(c?.later).toBe(later)
      expect(c?.weighted).toBe(weighted)
    }
  )

  it("keeps every pair across growth of the table", () => {
    const table = new PairTable(16)
    for (let i = 0; i < 300; i++) {
      for (let j = i + 1; j < i + 5; j++) {
        // the slot first: adding may grow the table and replace its arrays
        const s = table.slot(i, j)
        table.customers[s] += i + j
      }
    }
    expect(table.size).toBe(1200)
    expect(table.lo.length).toBeGreaterThanOrEqual(1600)
    for (let i = 0; i < 300; i++) {
      for (let j = i + 1; j < i + 5; j++) {
        expect(table.customers[table.find(i, j)]).toBe(i + j)
      }
    }
    expect(table.find(5, 4)).toBe(-1)
  })
})
