import { ComparedFinding, findingDifferences } from "../finding-diff"

const f = (over: Partial<ComparedFinding> & { check_id: string }): ComparedFinding => ({
  subject_id: null,
  affected: 2,
  sample_ids: ["a", "b"],
  details: { duration_ms: 5 },
  ...over,
})

describe("findingDifferences", () => {
  it.each([
    ["the time a check took", [f({ check_id: "x" })], [f({ check_id: "x", details: { duration_ms: 900 } })], 0],
    ["a count", [f({ check_id: "x" })], [f({ check_id: "x", affected: 3 })], 1],
    ["a detail", [f({ check_id: "x", details: { n: 1 } })], [f({ check_id: "x", details: { n: 2 } })], 1],
    ["ordered samples in another order", [f({ check_id: "x" })], [f({ check_id: "x", sample_ids: ["b", "a"] })], 1],
    [
      "first-found samples, all affected sampled, in another order",
      [f({ check_id: "orders.non_product_lines" })],
      [f({ check_id: "orders.non_product_lines", sample_ids: ["b", "a"] })],
      0,
    ],
    [
      "first-found samples, all affected sampled, other ids",
      [f({ check_id: "orders.non_product_lines" })],
      [f({ check_id: "orders.non_product_lines", sample_ids: ["a", "c"] })],
      1,
    ],
    [
      "first-found samples of many affected: as many, other ids",
      [f({ check_id: "orders.non_product_lines", affected: 50 })],
      [f({ check_id: "orders.non_product_lines", affected: 50, sample_ids: ["c", "d"] })],
      0,
    ],
    ["a finding of one run only", [f({ check_id: "x" }), f({ check_id: "y" })], [f({ check_id: "x" })], 1],
    ["per subject", [f({ check_id: "x", subject_id: "s1" })], [f({ check_id: "x", subject_id: "s2" })], 2],
  ])("counts %s", (_name, a, b, n) => {
    expect(findingDifferences(a, b)).toHaveLength(n)
  })
})
