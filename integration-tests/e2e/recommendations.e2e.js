// Admin: Personalization > Recommendations — rules editor, "view as customer" preview, and the
// product page's "Frequently bought together" widget.
module.exports = {
  name: "recommendations: add a pin rule, preview as anonymous, see frequently bought together",
  run: async ({ page, baseUrl, adminApi }) => {
    await adminApi("POST", "/admin/recommendations/rebuild")
    const { products } = await adminApi("GET", "/admin/products?limit=1&fields=id,title")
    if (!products?.length) throw new Error("the seeded store has no products")
    const product = products[0]

    await page.goto(`${baseUrl}/app/personalization/recommendations`)
    await page.getByRole("heading", { name: "Recommendations" }).waitFor()
    const ruleName = `Pin ${Date.now()}`
    await page.getByLabel("Name").fill(ruleName)
    await page.getByLabel("Target id").fill(product.id)
    // an active rule must serve an objective (a draft one assigns no holdout)
    const { objective } = await adminApi("POST", "/admin/objectives", {
      name: `Recommendations e2e ${Date.now()}`,
      metric: "average_order_value",
      status: "draft",
    })
    await page.getByLabel("Objective id").fill(objective.id)
    await page.getByRole("button", { name: "Add rule" }).click()
    await page.getByRole("cell", { name: ruleName }).waitFor({ timeout: 15000 })

    const { rules } = await adminApi("GET", "/admin/recommendations/rules")
    const rule = rules.find((r) => r.name === ruleName)
    if (!rule || rule.status !== "active" || rule.version !== 1) {
      throw new Error(`rule not stored as expected: ${JSON.stringify(rule)}`)
    }

    // boost rules do not pin; switch it to pin through the API and preview as an anonymous visitor
    await adminApi("POST", `/admin/recommendations/rules/${rule.id}`, { action: "pin" })
    await page.getByRole("button", { name: "View as customer" }).click()
    const preview = page.getByLabel("Preview")
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
