// key order is not significant (jsonb stores keys in its own order)
const canonical = (v) =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(",")}]`
    : v && typeof v === "object"
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
          .join(",")}}`
      : JSON.stringify(v)

module.exports = {
  name: "segments: create the AOV segment and see its preview count",
  run: async ({ page, baseUrl, adminApi }) => {
    const name = `Frequent high AOV ${Date.now()}`
    const rules = {
      type: "all",
      conditions: [
        { type: "condition", attribute: "order_count", operator: "gte", value: 3, window_days: 90 },
        { type: "condition", attribute: "average_order_value", operator: "gt", value: 150 },
      ],
    }
    // what the server says the preview count is, for the same rules
    const { preview: expected } = await adminApi("POST", "/admin/segments/preview", { rules, currency_code: "gbp" })

    await page.goto(`${baseUrl}/app/personalization/segments/new`)
    await page.getByRole("heading", { name: "New segment" }).waitFor({ timeout: 120000 })
    await page.getByLabel("Name", { exact: true }).fill(name)
    await page.getByLabel("Currency", { exact: true }).fill("gbp")

    // "customers with 3+ purchases in the last 90 days and AOV above 150"
    await page.getByLabel("Attribute 1", { exact: true }).selectOption("order_count")
    await page.getByLabel("Operator 1", { exact: true }).selectOption("gte")
    await page.getByLabel("Value 1", { exact: true }).fill("3")
    await page.getByLabel("Window days 1", { exact: true }).fill("90")
    await page.getByRole("button", { name: "Add condition" }).click()
    await page.getByLabel("Attribute 2", { exact: true }).selectOption("average_order_value")
    await page.getByLabel("Operator 2", { exact: true }).selectOption("gt")
    await page.getByLabel("Value 2", { exact: true }).fill("150")

    // the live preview shows the same count as the API
    await page.getByText(`${expected.count} customers match`, { exact: true }).waitFor({ timeout: 60000 })
    await page.getByText(`of ${expected.total_customers} customers`).first().waitFor({ timeout: 10000 })

    await page.getByRole("button", { name: "Create segment" }).click()
    await page.getByRole("heading", { name }).waitFor({ timeout: 60000 })

    const { segments } = await adminApi("GET", "/admin/segments?limit=100")
    const created = segments.find((s) => s.name === name)
    if (!created) throw new Error(`segment "${name}" not found through the API`)
    if (canonical(created.rules) !== canonical(rules)) {
      throw new Error(`saved rules ${JSON.stringify(created.rules)} differ from ${JSON.stringify(rules)}`)
    }
    if (created.currency_code !== "gbp") throw new Error(`currency ${created.currency_code}`)

    // evaluate from the detail page: the member count equals the preview count
    await page.getByRole("button", { name: "Evaluate now" }).click()
    await page.getByText(`${expected.count} members · evaluated just now`).waitFor({ timeout: 60000 })
  },
}
