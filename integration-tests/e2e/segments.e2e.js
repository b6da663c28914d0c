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
    // nothing typed yet: no problem shown, the preview waits for a complete condition
    await page.getByText("Fill in every condition to see who matches.").waitFor({ timeout: 60000 })
    if (await page.getByText("Enter a value").count()) throw new Error("a problem is shown before anything was typed")
    await page.getByLabel("Name", { exact: true }).fill(name)
    await page.getByLabel("Currency", { exact: true }).fill("gbp")

    // @medusajs/ui Selects: open the trigger, pick the option by its words
    const choose = async (label, option) => {
      await page.getByLabel(label, { exact: true }).click()
      await page.getByRole("option", { name: option, exact: true }).click()
    }
    // "customers with 3+ purchases in the last 90 days and AOV above 150"
    await choose("Attribute 1", "Order count")
    await choose("Operator 1", "is at least")
    await page.getByLabel("Value 1", { exact: true }).fill("three")
    await page.getByText("Enter a number").waitFor({ timeout: 10000 })
    await page.getByLabel("Value 1", { exact: true }).fill("3")
    await page.getByLabel("Window days 1", { exact: true }).fill("90")
    await page.getByRole("button", { name: "Add condition" }).click()
    await choose("Attribute 2", "Average order value")
    await choose("Operator 2", "is more than")
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

    // the customer group section and the members CSV (header, one row per member)
    await page.getByRole("heading", { name: "Customer group" }).scrollIntoViewIfNeeded({ timeout: 30000 })
    // the button downloads through the js-sdk (the admin's session and backend URL), not a plain link
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 60000 }),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ])
    if (!/^segment-.*\.csv$/.test(download.suggestedFilename())) {
      throw new Error(`downloaded file is named ${download.suggestedFilename()}`)
    }
    const lines = require("fs")
      .readFileSync(await download.path(), "utf8")
      .split("\r\n")
    const header =
      "Customer ID,Email,First name,Last name,Entered at,Order count (last 90 days),Average order value (GBP)"
    if (lines[0] !== header) throw new Error(`CSV header ${lines[0]}`)
    if (lines.length !== expected.count + 2) throw new Error(`CSV has ${lines.length - 2} rows, not ${expected.count}`)
  },
}
