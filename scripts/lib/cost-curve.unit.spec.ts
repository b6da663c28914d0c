import { costCurveTable, extrapolate, fitExponent, fitPowerLaw, formatValue, project } from "./cost-curve"

const SIZES = [250_000, 500_000, 1_000_000]
const at = (costs: (number | null)[]) => SIZES.map((size, i) => ({ size, cost: costs[i] as number }))

describe("fitPowerLaw", () => {
  it.each([
    ["linear", at([100, 200, 400]), { k: 1, a: 0.0004, r2: 1, n: 3 }],
    ["flat (an index lookup)", at([8, 8, 8]), { k: 0, a: 8, r2: 1, n: 3 }],
    ["quadratic", at([1, 4, 16]), { k: 2, a: 1.6e-11, r2: 1, n: 3 }],
    ["square root", at([50, 50 * Math.SQRT2, 100]), { k: 0.5, a: 0.1, r2: 1, n: 3 }],
    // hand-checked (numpy.polyfit on the logs): k 1.0000, a 3.862e-4, r2 0.99236
    ["noisy middle point", at([100, 180, 400]), { k: 1, a: 3.8619575e-4, r2: 0.9923572, n: 3 }],
    ["a zero cost is left out", at([0, 200, 400]), { k: 1, a: 0.0004, r2: 1, n: 2 }],
    ["a missing cost is left out", at([100, null, 400]), { k: 1, a: 0.0004, r2: 1, n: 2 }],
  ])("%s", (_name, points, expected) => {
    const fit = fitPowerLaw(points)!
    expect(fit.k).toBeCloseTo(expected.k, 6)
    expect(fit.a / expected.a).toBeCloseTo(1, 6)
    expect(fit.r2).toBeCloseTo(expected.r2, 6)
    expect(fit.n).toBe(expected.n)
  })

  it.each([
    ["no point", []],
    ["one point", at([100])],
    ["one usable point", at([100, 0, -3])],
    ["all sizes equal", [100, 200, 300].map((cost) => ({ size: 1000, cost }))],
    ["a non-positive size", [0, -1].map((size) => ({ size, cost: 5 }))],
  ])("%s: no fit", (_name, points) => {
    expect(fitPowerLaw(points)).toBeNull()
  })
})

describe("project", () => {
  it.each([
    [at([100, 200, 400]), 10_000_000, 4000],
    [at([8, 8, 8]), 10_000_000, 8],
    [at([100, 180, 400]), 10_000_000, 3861.9575],
    [at([1, 4, 16]), 10_000_000, 1600],
  ])("%#: the fitted cost at 10M lines", (points, size, expected) => {
    expect(project(fitPowerLaw(points), size)).toBeCloseTo(expected, 3)
  })

  it("without a fit: null", () => {
    expect(project(null, 10)).toBeNull()
  })
})

describe("formatValue", () => {
  it.each([
    [1234.4, "ms", undefined, "1,234 ms"],
    [8.46, "ms", undefined, "8.5 ms"],
    [8.46, "ms", 2, "8.46 ms"],
    [12.34, "s", undefined, "12.3 s"],
    [1.1349, "x", undefined, "1.13x"],
    [2415.4, "MB", undefined, "2,415 MB"],
    [4499, "", undefined, "4,499"],
    [null, "ms", undefined, "-"],
    [undefined, "x", undefined, "-"],
    [NaN, "", undefined, "-"],
  ] as const)("%s %s (digits %s) -> %s", (v, unit, digits, expected) => {
    expect(formatValue(v, unit, digits)).toBe(expected)
  })
})

describe("costCurveTable", () => {
  it("one row per figure, one column per size, k, r² and the projection", () => {
    const table = costCurveTable({
      sizes: SIZES,
      rows: [
        { name: "evaluation", values: [100, 180, 400], unit: "ms" },
        { name: "ratio", values: [1.1, 1.1, 1.1], unit: "x" },
        { name: "members", values: [1100, 2200, 4499], fit: false },
        { name: "errors", values: [0, 0, 0] },
      ],
      projectTo: { size: 10_000_000 },
    })
    expect(table).toBe(
      [
        "| figure | 250,000 lines | 500,000 lines | 1,000,000 lines | k | r² | at 10,000,000 lines (fitted) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| evaluation | 100 ms | 180 ms | 400 ms | 1.00 | 0.99 | 3,862 ms |",
        "| ratio | 1.10x | 1.10x | 1.10x | 0.00 | 1.00 | 1.10x |",
        "| members | 1,100 | 2,200 | 4,499 | - | - | - |",
        "| errors | 0 | 0 | 0 | - | - | - |",
      ].join("\n")
    )
  })

  it("without a projection, a size unit of its own and a missing value", () => {
    const table = costCurveTable({
      sizes: [25_000, 100_000],
      sizeUnit: "customers",
      rows: [{ name: "p95", values: [null, 8.5], unit: "ms" }],
    })
    expect(table).toBe(
      [
        "| figure | 25,000 customers | 100,000 customers | k | r² |",
        "| --- | --- | --- | --- | --- |",
        "| p95 | - | 8.5 ms | - | - |",
      ].join("\n")
    )
  })
})

describe("fitExponent and extrapolate (bench:import, bench:audit)", () => {
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
