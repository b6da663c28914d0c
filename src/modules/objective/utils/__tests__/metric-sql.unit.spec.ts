import { buildMetricQuery, METRICS } from "../metric-sql"

describe("buildMetricQuery", () => {
  const base = { currency_code: "gbp", start: new Date("2026-01-01"), end: new Date("2026-04-01"), window_days: 30 }
  const variants = METRICS.flatMap((metric) => [
    { metric, split: null, customer_ids: null },
    { metric, split: { objective_id: "obj_1", holdout_share: 0.05 }, customer_ids: null },
    { metric, split: { objective_id: "obj_1", holdout_share: 0.05 }, customer_ids: ["cus_1", "cus_2"] },
  ])

  it.each(variants)("$metric (split: $split, customers: $customer_ids) binds every value", (v) => {
    const { sql, bindings } = buildMetricQuery({ ...base, ...v })
    expect((sql.match(/\?/g) ?? []).length).toBe(bindings.length)
    // values never appear in the SQL text
    expect(sql).not.toContain("gbp")
    expect(sql).not.toContain("obj_1")
    expect(sql).not.toContain("cus_1")
    expect(bindings[0]).toBe("gbp")
  })

  it("binds the window cutoff (end - N days) for windowed metrics", () => {
    const { bindings } = buildMetricQuery({ ...base, metric: "customer_lifetime_value" })
    expect(bindings).toContainEqual(new Date(new Date("2026-04-01").getTime() - 30 * 86400000))
    expect(bindings).toContain(30)
  })
})
