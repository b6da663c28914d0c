module.exports = {
  name: "data audit: run an audit in the browser and see the guest-order finding with its count",
  run: async ({ page, baseUrl, adminApi }) => {
    await page.goto(`${baseUrl}/app/personalization/data-audit`)
    await page.getByRole("heading", { name: "Data audit" }).waitFor({ timeout: 120000 })

    const before = await adminApi("GET", "/admin/data-audit/runs?limit=1")
    await page.getByRole("button", { name: "Run audit" }).click()

    // Wait for a new run to complete (the page polls and shows progress meanwhile).
    let run
    const deadline = Date.now() + 180000
    for (;;) {
      const { audit_runs } = await adminApi("GET", "/admin/data-audit/runs?limit=1")
      run = audit_runs[0]
      const isNew = run && (!before.audit_runs[0] || run.id !== before.audit_runs[0].id)
      if (isNew && (run.status === "completed" || run.status === "failed")) {
        break
      }
      if (Date.now() > deadline) {
        throw new Error(`audit did not finish: ${JSON.stringify(run)}`)
      }
      await new Promise((r) => setTimeout(r, 500))
    }
    if (run.status !== "completed") {
      throw new Error(`audit failed: ${run.error}`)
    }

    const { audit_run } = await adminApi("GET", `/admin/data-audit/runs/${run.id}`)
    const guest = audit_run.findings.find((f) => f.check_id === "customers.guest_orders")
    if (!guest || guest.affected <= 0) {
      throw new Error(`expected guest orders in the demo data, got ${JSON.stringify(guest)}`)
    }

    const row = page.getByLabel("finding customers.guest_orders", { exact: true })
    await row.waitFor({ timeout: 60000 })
    await row.getByText("Guest orders (no customer account)").waitFor()
    const expected = `${guest.affected.toLocaleString("en-GB")} of ${guest.total.toLocaleString("en-GB")}`
    const count = (await row.getByLabel("customers.guest_orders count", { exact: true }).innerText()).trim()
    if (count !== expected) {
      throw new Error(`guest-order count on the page is "${count}", the API says "${expected}"`)
    }

    // the product page's widget lists that product's gaps, as the API evaluates them now: pick a
    // product with at least one gap (the demo data leaves some without categories or descriptions)
    const { products } = await adminApi("GET", "/admin/products?limit=50&fields=id,title")
    let product
    let gaps = []
    for (const p of products) {
      const res = await adminApi("GET", `/admin/data-audit/products/${p.id}/gaps`)
      if (res.gaps.length) {
        product = p
        gaps = res.gaps
        break
      }
    }
    if (!product) throw new Error("expected a demo product with data gaps among the first 50")
    await page.goto(`${baseUrl}/app/products/${product.id}`)
    const widget = page.getByLabel("Personalization data gaps", { exact: true })
    await widget.waitFor({ timeout: 60000 })
    for (const gap of gaps) {
      await widget.getByText(gap.title, { exact: true }).waitFor({ timeout: 30000 })
    }
  },
}
