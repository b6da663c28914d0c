import { extrapolate, fitExponent } from "./cost-curve"

describe("cost curve", () => {
  it.each([
    ["linear", [1, 2, 4].map((s) => ({ size: s * 250000, ms: s * 1000 })), 1],
    ["quadratic", [1, 2, 4].map((s) => ({ size: s, ms: s * s * 3 })), 2],
    ["constant", [1, 2, 4].map((s) => ({ size: s * 10, ms: 500 })), 0],
    [
      "sub-linear, noisy",
      [
        { size: 250000, ms: 800 },
        { size: 500000, ms: 1300 },
        { size: 1000000, ms: 2300 },
      ],
      0.76,
    ],
  ])("fits time ~ size^k by least squares of the logs (%s)", (_name, points, k) => {
    expect(fitExponent(points)).toBeCloseTo(k, 2)
  })

  it("is undefined (NaN) under two distinct sizes", () => {
    expect(fitExponent([{ size: 5, ms: 10 }])).toBeNaN()
    expect(
      fitExponent([
        { size: 5, ms: 10 },
        { size: 5, ms: 20 },
      ])
    ).toBeNaN()
  })

  it("extrapolates from the largest point along the fitted curve", () => {
    const points = [
      { size: 250000, ms: 1000 },
      { size: 1000000, ms: 4000 },
    ]
    expect(extrapolate(points, 10000000)).toBeCloseTo(40000, 6)
    expect(extrapolate(points, 10000000, 0.5)).toBeCloseTo(4000 * Math.sqrt(10), 6)
  })
})
