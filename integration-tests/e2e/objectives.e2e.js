module.exports = {
  name: "objectives: create an objective in the browser and see its computed baseline",
  run: async ({ page, baseUrl, adminApi }) => {
    const name = `Bigger baskets ${Date.now()}`
    await page.goto(`${baseUrl}/app/personalization/objectives`)
    await page.getByRole("heading", { name: "Objectives" }).waitFor({ timeout: 120000 })

    await page.getByRole("button", { name: "Create objective" }).click()
    await page.getByLabel("Name", { exact: true }).fill(name)
    // @medusajs/ui Selects: open the trigger, pick the option by its words
    const choose = async (label, option) => {
      await page.getByLabel(label, { exact: true }).click()
      await page.getByRole("option", { name: option, exact: true }).click()
    }
    await choose("Metric", "Repeat-purchase rate within N days")
    await page.getByLabel("N days", { exact: true }).waitFor({ timeout: 10000 }) // a windowed metric asks for N
    await choose("Metric", "Average order value")
    await choose("Direction", "Increase")
    await choose("Status", "Draft")
    await page.getByLabel("Target", { exact: true }).fill("500")
    await page.getByLabel("Holdout share (%)", { exact: true }).fill("10")
    await page.getByLabel("Rationale", { exact: true }).fill("Test from the browser")
    await page.getByRole("button", { name: "Create", exact: true }).click()

    // the page moves to the new objective's detail
    await page.getByRole("heading", { name }).waitFor({ timeout: 60000 })

    const { objectives } = await adminApi("GET", "/admin/objectives?limit=100")
    const created = objectives.find((o) => o.name === name)
    if (!created) throw new Error(`objective "${name}" not found through the API`)
    if (created.metric !== "average_order_value" || created.direction !== "increase" || created.status !== "draft") {
      throw new Error(`the Selects' values did not reach the API: ${JSON.stringify(created)}`)
    }
    if (created.baseline === null || !(created.baseline > 0)) {
      throw new Error(`expected a positive AOV baseline from the seeded orders, got ${created.baseline}`)
    }
    if (!created.baseline_window_start || !created.baseline_window_end || !(created.baseline_n > 0)) {
      throw new Error(`baseline window not recorded: ${JSON.stringify(created)}`)
    }
    if (Math.abs(created.holdout_share - 0.1) > 1e-6) {
      throw new Error(`holdout share ${created.holdout_share}, expected 0.1`)
    }

    const shown = (await page.getByLabel("Baseline", { exact: true }).innerText()).trim()
    const shownNumber = Number(shown.replace(/[^0-9.-]/g, ""))
    if (Math.abs(shownNumber - Number(created.baseline.toFixed(2))) > 0.005) {
      throw new Error(`baseline on the page is "${shown}", the API says ${created.baseline}`)
    }
    const windowText = await page.getByLabel("Baseline window", { exact: true }).innerText()
    if (!windowText.includes(`${created.baseline_n} customers`)) {
      throw new Error(`baseline window shows "${windowText}", expected ${created.baseline_n} customers`)
    }

    // the creation is in the decision log shown on the page
    await page.getByRole("cell", { name: "created", exact: true }).waitFor({ timeout: 30000 })

    // "Recompute baseline" asks why, recomputes over the stored window and logs it with the reason
    const reason = `Checked from the browser ${Date.now()}`
    page.once("dialog", (dialog) => dialog.accept(reason))
    await page.getByRole("button", { name: "Recompute baseline" }).click()
    await page.getByText("Baseline recomputed", { exact: false }).first().waitFor({ timeout: 30000 })
    await page.getByRole("cell", { name: "baseline_recomputed", exact: true }).waitFor({ timeout: 30000 })
    const log = await adminApi("GET", `/admin/decision-log?entity_id=${created.id}&limit=50`)
    const entries = log.decisions ?? []
    const entry = entries.find((e) => e.action === "baseline_recomputed")
    if (!entry || entry.reason !== reason) {
      throw new Error(`decision log should hold the recompute with its reason, got ${JSON.stringify(entries)}`)
    }
  },
}
