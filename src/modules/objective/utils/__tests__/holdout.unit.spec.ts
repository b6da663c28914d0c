import { assignGroup, holdoutBucket } from "../holdout"

describe("holdout assignment", () => {
  it.each([
    // sha256("obj_1:cus_1") starts with 0x8381...; first 52 bits / 2^52, also checked in PostgreSQL
    ["obj_1", "cus_1", 0.5137001853030787],
  ])("bucket(%p, %p) is the fixed value %p", (o, c, u) => {
    expect(holdoutBucket(o, c)).toBe(u)
  })

  it("is stable: the same customer always lands in the same group", () => {
    for (let i = 0; i < 200; i++) {
      const g = assignGroup("obj_stable", `cus_${i}`, 0.3)
      for (let k = 0; k < 3; k++) expect(assignGroup("obj_stable", `cus_${i}`, 0.3)).toBe(g)
    }
  })

  it("depends on the objective: assignments across objectives are independent", () => {
    let both = 0
    const n = 20000
    for (let i = 0; i < n; i++) {
      if (assignGroup("obj_a", `cus_${i}`, 0.5) === "holdout" && assignGroup("obj_b", `cus_${i}`, 0.5) === "holdout")
        both++
    }
    // independent halves overlap on a quarter: 0.25 +- 4 sd
    expect(Math.abs(both / n - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / n))
  })

  it.each([0.05, 0.1, 0.5])("puts about %p of 100,000 customers in the holdout", (share) => {
    const n = 100000
    let h = 0
    for (let i = 0; i < n; i++) if (assignGroup("obj_share", `cus_${i}`, share) === "holdout") h++
    expect(Math.abs(h / n - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / n))
  })

  it("buckets are uniform on [0, 1): each decile holds about a tenth", () => {
    const counts = new Array(10).fill(0)
    const n = 50000
    for (let i = 0; i < n; i++) {
      const u = holdoutBucket("obj_u", `cus_${i}`)
      expect(u).toBeGreaterThanOrEqual(0)
      expect(u).toBeLessThan(1)
      counts[Math.floor(u * 10)]++
    }
    // chi-square with 9 df; 27.88 is the 0.001 critical value
    const chi = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0)
    expect(chi).toBeLessThan(27.88)
  })

  it("share 0 puts nobody in the holdout, share 1 everybody", () => {
    expect(assignGroup("o", "c", 0)).toBe("treatment")
    expect(assignGroup("o", "c", 1)).toBe("holdout")
  })
})
