// Admin: Personalization > Recommendations — rules editor, "view as customer" preview, and the
// product page's "Frequently bought together" widget.
module.exports = {
  name: "recommendations: add a pin rule, preview as anonymous, see frequently bought together",
  run: async ({ page, baseUrl, adminApi }) => {
    await adminApi("POST", "/admin/recommendations/rebuild")
    const { products } = await adminApi("GET", "/admin/products?limit=1&fields=id,title")
    if (!products?.length) throw new Error("the seeded store has no products")
    const product = products[0]

    // an active rule must serve an objective (a draft one assigns no holdout); the segment is optional
    const stamp = Date.now()
    const { objective } = await adminApi("POST", "/admin/objectives", {
      name: `Recommendations e2e objective ${stamp}`,
      metric: "average_order_value",
      status: "draft",
    })
    const { segment } = await adminApi("POST", "/admin/segments", {
      name: `Recommendations e2e segment ${stamp}`,
      currency_code: "gbp",
      rules: {
        type: "all",
        conditions: [{ type: "condition", attribute: "order_count", operator: "gte", value: 1, window_days: 90 }],
      },
    })

    await page.goto(`${baseUrl}/app/personalization/recommendations`)
    await page.getByRole("heading", { name: "Recommendations" }).waitFor()
    const ruleName = `Pin ${stamp}`
    await page.getByLabel("Name", { exact: true }).fill(ruleName)

    // pickers, not typed ids: search the product by title, choose the objective and segment by name
    const target = page.getByLabel("Target", { exact: true })
    await target.click()
    await target.fill(product.title)
    await page.getByRole("option", { name: product.title, exact: true }).first().click()
    if ((await target.inputValue()) !== product.title) {
      throw new Error(`the target picker should show the product title, got "${await target.inputValue()}"`)
    }
    // segments and objectives are searched by name (no cap on how many a store has)
    for (const [label, entity] of [
      ["Objective", objective],
      ["Segment", segment],
    ]) {
      const picker = page.getByLabel(label, { exact: true })
      await picker.click()
      await picker.fill(entity.name)
      await page.getByRole("option", { name: entity.name, exact: true }).click()
      if ((await picker.inputValue()) !== entity.name) {
        throw new Error(`the ${label} picker should show "${entity.name}", got "${await picker.inputValue()}"`)
      }
    }
    await page.getByRole("button", { name: "Add rule" }).click()
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: ruleName }) })
    await row.waitFor({ timeout: 15000 })
    // the table names what the ids point at
    for (const label of [product.title, objective.name, segment.name]) {
      await row.getByText(label, { exact: true }).first().waitFor({ timeout: 15000 })
    }

    const { rules } = await adminApi("GET", "/admin/recommendations/rules")
    const rule = rules.find((r) => r.name === ruleName)
    if (
      !rule ||
      rule.status !== "active" ||
      rule.version !== 1 ||
      rule.target_type !== "product" ||
      rule.target_id !== product.id ||
      rule.objective_id !== objective.id ||
      rule.segment_id !== segment.id
    ) {
      throw new Error(`rule not stored as expected: ${JSON.stringify(rule)}`)
    }

    // the preview's customer picker searches customers; "Anonymous" is its empty choice
    const { customers } = await adminApi("GET", "/admin/customers?limit=1&fields=id,email")
    if (customers?.length) {
      const customer = page.getByLabel("Customer", { exact: true })
      await customer.click()
      await customer.fill(customers[0].email)
      await page.getByRole("option").filter({ hasText: customers[0].email }).first().waitFor()
      await page.getByRole("option", { name: "Anonymous", exact: true }).click()
    }

    // boost rules do not pin and anonymous visitors are in no segment: switch it to a pin for everyone
    // through the API and preview as an anonymous visitor
    await adminApi("POST", `/admin/recommendations/rules/${rule.id}`, { action: "pin", segment_id: null })
    await page.getByRole("button", { name: "View as customer" }).click()
    const preview = page.getByLabel("Preview", { exact: true })
    await preview.waitFor({ timeout: 20000 })
    const firstRow = preview.getByRole("row").nth(1)
    await firstRow.waitFor()
    const text = await firstRow.innerText()
    if (!text.includes(product.title)) {
      throw new Error(`the pinned product should be first in the preview, got: ${text}`)
    }

    await page.goto(`${baseUrl}/app/products/${product.id}`)
    await page.getByRole("heading", { name: "Frequently bought together" }).waitFor({ timeout: 20000 })

    await adminApi("DELETE", `/admin/recommendations/rules/${rule.id}`)
  },
}
