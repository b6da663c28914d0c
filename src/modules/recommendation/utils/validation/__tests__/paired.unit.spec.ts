import fc from "fast-check"
import { binomialUpperTail, comparePaired, significantlyBetter } from "../paired"

/** Hits of two candidates on n customers: `both` hit by both, `aOnly` by a only, `bOnly` by b only. */
function pairedHits(n: number, both: number, aOnly: number, bOnly: number): [number[], number[]] {
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < n; i++) {
    a.push(i < both + aOnly ? 1 : 0)
    b.push(i < both || (i >= both + aOnly && i < both + aOnly + bOnly) ? 1 : 0)
  }
  return [a, b]
}

const hitsArb = (n: number) => fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n })
const pairArb = fc.integer({ min: 0, max: 300 }).chain((n) => fc.tuple(hitsArb(n), hitsArb(n)))

describe("binomialUpperTail: P(X >= k), X ~ Binomial(n, 1/2)", () => {
  it.each([
    [0, 0, 1],
    [1, 1, 0.5],
    [2, 2, 0.25],
    [3, 2, 0.5],
    [10, 8, 56 / 1024],
    [10, 11, 0],
    [20, 15, 21700 / 1048576],
    // no underflow where 2^-n does: 1/2 + P(X = n / 2) / 2, and P(X = n / 2) ~ 1 / sqrt(pi n / 2)
    [3000, 1500, 0.5 + 0.5 / Math.sqrt((Math.PI * 3000) / 2)],
    [3000, 3000, 0],
  ])("n %d, k %d: %f", (n, k, p) => {
    expect(binomialUpperTail(n, k)).toBeCloseTo(p, 4)
  })
})

describe("comparePaired", () => {
  it.each([
    // n, both, a only, b only -> difference, p-value (exact McNemar, one-sided)
    ["identical hits: no difference, p = 1", 100, 40, 0, 0, 0, 1],
    ["a ahead on 8 of 10 disagreements", 1000, 500, 8, 2, 0.006, 56 / 1024],
    ["b ahead: a is not better", 1000, 500, 2, 8, -0.006, 1013 / 1024],
    // the 2011-06-01 case in numbers: 1.5 points on 1,000 customers is not chance when the models agree elsewhere
    ["15 of 15 disagreements", 1000, 600, 15, 0, 0.015, Math.pow(0.5, 15)],
  ])("%s", (_name, n, both, aOnly, bOnly, difference, p) => {
    const [a, b] = pairedHits(n, both, aOnly, bOnly)
    const c = comparePaired(a, b)
    expect(c).toMatchObject({ customers: n, a_only: aOnly, b_only: bOnly })
    expect(c.difference).toBeCloseTo(difference, 10)
    expect(c.p_value).toBeCloseTo(p, 6)
  })

  it("the standard error is the paired one: far below 1 / sqrt(n) when the models mostly agree", () => {
    const [a, b] = pairedHits(1000, 600, 15, 0)
    const c = comparePaired(a, b)
    expect(c.standard_error).toBeCloseTo(Math.sqrt((15 - 1000 * 0.015 ** 2) / 999 / 1000), 10)
    expect(c.standard_error).toBeLessThan(0.005)
  })

  it("refuses hits of different customers", () => {
    expect(() => comparePaired([1, 0], [1])).toThrow("same customers")
  })

  it("is antisymmetric: swapping the candidates negates the difference and swaps the counts", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const ab = comparePaired(a, b)
        const ba = comparePaired(b, a)
        expect(ba.a_only).toBe(ab.b_only)
        expect(ba.b_only).toBe(ab.a_only)
        expect(ba.difference + ab.difference).toBeCloseTo(0, 12)
        expect(ba.standard_error).toBeCloseTo(ab.standard_error, 12)
      })
    )
  })

  it("the difference is the difference of the hit rates, and the p-value a probability", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const c = comparePaired(a, b)
        const rate = (x: number[]) => (x.length ? x.reduce((s, v) => s + v, 0) / x.length : 0)
        expect(c.difference).toBeCloseTo(rate(a) - rate(b), 12)
        expect(c.p_value).toBeGreaterThanOrEqual(0)
        expect(c.p_value).toBeLessThanOrEqual(1)
      })
    )
  })

  it("customers where both agree change nothing but n: the test looks only at disagreements", () => {
    fc.assert(
      fc.property(pairArb, fc.integer({ min: 0, max: 200 }), fc.boolean(), ([a, b], extra, hit) => {
        const v = hit ? 1 : 0
        const more = comparePaired([...a, ...Array(extra).fill(v)], [...b, ...Array(extra).fill(v)])
        expect(more.p_value).toBe(comparePaired(a, b).p_value)
      })
    )
  })

  it("never finds a candidate significantly better than itself, nor both better than each other", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        expect(significantlyBetter(a, a)).toBe(false)
        expect(significantlyBetter(a, b) && significantlyBetter(b, a)).toBe(false)
      })
    )
  })
})
