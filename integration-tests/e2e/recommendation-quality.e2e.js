// Admin: Personalization > Recommendations > Quality. When the stored validation serves best sellers,
// the panel says why in plain words (from the run's figures) and links to the data audit finding that
// measures it; the audit page opens that finding. Then "Validate now" stores a real run, which the
// panel shows (and which the store serves from then on, as after a nightly run).
const WARNING = "Why best sellers are served"

module.exports = {
  name: "recommendation quality: best sellers served -> the cause in plain words, linked to the audit finding",
  run: async ({ page, baseUrl, adminApi, db }) => {
    // a completed audit, so the finding is listed
    let { audit_runs } = await adminApi("GET", "/admin/data-audit/runs?limit=1&status=completed")
    if (!audit_runs.length) {
      const { audit_run } = await adminApi("POST", "/admin/data-audit/runs", {})
      const deadline = Date.now() + 180000
      for (;;) {
        const { audit_run: r } = await adminApi("GET", `/admin/data-audit/runs/${audit_run.id}`)
        if (r.status === "completed") break
        if (r.status === "failed" || Date.now() > deadline) throw new Error(`audit did not complete: ${r.status}`)
        await new Promise((res) => setTimeout(res, 500))
      }
      ;({ audit_runs } = await adminApi("GET", "/admin/data-audit/runs?limit=1&status=completed"))
    }
    const { audit_run } = await adminApi("GET", `/admin/data-audit/runs/${audit_runs[0].id}`)
    const finding = audit_run.findings.find((f) => f.check_id === "customers.single_order")
    if (!finding || !(finding.total > 0)) {
      throw new Error(`expected the repeat-customer finding in the audit: ${JSON.stringify(finding)}`)
    }

    // a stored run that served best sellers because too few customers came back (the shape the
    // validation stores; figures of a store where 80 of 1,000 customers have a second order)
    const id = `recval_e2e_${Date.now()}`
    const sufficiency = {
      orders: 1080,
      customers: 1000,
      repeat_customers: 80,
      products: 150,
      validation_weeks: null,
      cut: null,
      test_customers: 0,
      sufficient: false,
    }
    await db(
      `insert into recommendation_validation
         (id, status, trigger, chosen, params, candidates, sufficiency, reason, started_at, finished_at, created_at, updated_at)
       values ($1, 'succeeded', 'api', 'best_sellers', null, '[]', $2, $3, now(), now(), now(), now())`,
      [
        id,
        JSON.stringify(sufficiency),
        "Too little data to validate (e2e fixture). The default, best sellers, is served.",
      ]
    )
    try {
      await page.goto(`${baseUrl}/app/personalization/recommendations`)
      const warning = page.getByRole("alert", { name: WARNING })
      await warning.waitFor({ timeout: 60000 })
      const text = await warning.innerText()
      for (const want of [
        "No co-purchase model beats best sellers",
        "Too few customers came back to validate",
        "only 8% of customers (80 of 1000) have a second order",
      ]) {
        if (!text.includes(want)) throw new Error(`the warning should say "${want}", it says: ${text}`)
      }
      await warning.scrollIntoViewIfNeeded()
      await page.screenshot({ path: ".cache/e2e/recommendation-quality.warning.png" })

      // the link opens the audit's finding
      await warning.getByRole("link", { name: "Customers who never came back (one order)" }).click()
      await page.waitForURL((url) => url.pathname.endsWith("/personalization/data-audit"))
      if (new URL(page.url()).hash !== "#customers.single_order") {
        throw new Error(`the link should point at the finding, got ${page.url()}`)
      }
      const row = page.locator('[id="customers.single_order"]')
      await row.waitFor({ timeout: 60000 })
      if ((await row.getAttribute("aria-current")) !== "location") {
        throw new Error("the linked finding should be marked as the current location")
      }
      await row.getByText("Measured", { exact: true }).waitFor()
      const count = (await row.getByLabel("customers.single_order count", { exact: true }).innerText()).trim()
      const expected = `${finding.affected.toLocaleString("en-GB")} of ${finding.total.toLocaleString("en-GB")}`
      if (count !== expected) throw new Error(`finding count on the page is "${count}", the API says "${expected}"`)
      await page.screenshot({ path: ".cache/e2e/recommendation-quality.finding.png" })
    } finally {
      await db(`delete from recommendation_validation where id = $1`, [id])
    }

    // a real validation replaces it: the panel shows what was stored, the warning only for best sellers
    await page.goto(`${baseUrl}/app/personalization/recommendations`)
    await page.getByRole("button", { name: "Validate now" }).click()
    await page.getByText("Validated: serving", { exact: false }).first().waitFor({ timeout: 180000 })
    const { validations } = await adminApi("GET", "/admin/recommendations/validations?limit=1")
    const latest = validations[0]
    if (latest.status !== "succeeded") throw new Error(`validation ${latest.status}: ${latest.error}`)
    await page.getByText(`Served: ${latest.chosen}`, { exact: true }).waitFor()
    const warned = await page.getByRole("alert", { name: WARNING }).count()
    if (warned !== (latest.chosen === "best_sellers" ? 1 : 0)) {
      throw new Error(`warning shown ${warned} times for a run serving ${latest.chosen}`)
    }
  },
}
