module.exports = {
  name: "plan: open the plan page and follow a rule back to the requirement it satisfies",
  run: async ({ page, baseUrl, adminApi }) => {
    const stamp = Date.now()
    const { objectives } = await adminApi("GET", "/admin/objectives?limit=1")
    if (!objectives.length) throw new Error("expected the demo seed's objective")
    const objective = objectives[0]
    const { rules } = await adminApi("GET", "/admin/recommendations/rules")
    const rule = rules.find((r) => r.status !== "archived")
    if (!rule) throw new Error("expected a demo rule")
    const statement = `Shoppers see the campaign first ${stamp}`
    const { requirement } = await adminApi("POST", "/admin/requirements", {
      role: "marketing",
      statement,
      acceptance_criterion: "Click-through up against holdout",
      priority: "must",
      objective_id: objective.id,
      links: [{ target_type: "recommendation_rule", target_id: rule.id }],
      reason: "browser test",
    })

    await page.goto(`${baseUrl}/app/personalization/plan`)
    await page.getByRole("heading", { name: "Personalization plan" }).waitFor({ timeout: 120000 })
    const section = page.getByLabel(`objective ${objective.name}`, { exact: true })
    await section.waitFor({ timeout: 60000 })
    const ruleRow = section.getByLabel(`rule ${rule.name}`, { exact: true })
    await ruleRow.waitFor()
    // the rule says why it exists: a link to the requirement it satisfies
    const why = ruleRow.getByRole("link", { name: statement })
    await why.click()
    await page.waitForURL((url) => url.hash === `#${requirement.id}`)
    const card = page.getByLabel(`requirement ${requirement.id}`, { exact: true })
    await card.getByText(statement, { exact: true }).waitFor()
    await card.getByText(/created by admin@example\.com: browser test/).waitFor()
    if (!(await card.isVisible())) throw new Error("the requirement the rule links to is not visible")

    // a review date set on the page, in the past, puts the objective at the top
    await section.getByLabel(`review date of objective ${objective.id}`, { exact: true }).fill("2026-01-15")
    await section.getByRole("button", { name: "Set review" }).first().click()
    await page
      .getByLabel("Needs attention", { exact: true })
      .getByText(`Review of objective "${objective.name}" was due 2026-01-15`, { exact: true })
      .waitFor({ timeout: 30000 })

    // the data map page shows a declared system that does not reach Medusa, and what it blocks
    const pos = `Shop POS ${stamp}`
    await adminApi("POST", "/admin/data-map/sources", {
      name: pos,
      kind: "pos",
      holds: [{ feeds: "orders", what: "in-store purchases" }],
      reaches_medusa: false,
    })
    const { gaps } = await adminApi("GET", "/admin/data-map")
    const gap = gaps.find((g) => g.source_name === pos)
    if (!gap || !gap.blocks.some((b) => b.type === "objective" && b.id === objective.id)) {
      throw new Error(`expected the POS gap to block the objective: ${JSON.stringify(gap)}`)
    }
    await page.getByRole("link", { name: "Data map" }).first().click()
    await page.getByRole("heading", { name: "Data map" }).waitFor({ timeout: 60000 })
    const gapList = page.getByLabel("Data gaps", { exact: true })
    await gapList
      .getByText(`${pos} does not reach Medusa: in-store purchases missing from orders`, { exact: true })
      .waitFor()
    await page.getByLabel("source medusa:orders", { exact: true }).waitFor()
    await page.getByLabel(`system ${pos}`, { exact: true }).waitFor()

    // a system declared through the page's form (@medusajs/ui Selects and Checkbox) reaches the API as chosen
    const crm = `Loyalty CRM ${stamp}`
    await page.getByRole("button", { name: "Declare a system" }).click()
    await page.getByLabel("Name", { exact: true }).fill(crm)
    await page.getByRole("combobox", { name: "Kind" }).click()
    await page.getByRole("option", { name: "crm", exact: true }).click()
    await page.getByLabel("What it holds", { exact: true }).fill("loyalty tiers")
    await page.getByRole("combobox", { name: "Would feed" }).click()
    await page.getByRole("option", { name: "customers", exact: true }).click()
    await page.getByRole("combobox", { name: "Sync" }).click()
    await page.getByRole("option", { name: "batch", exact: true }).click()
    await page.getByRole("checkbox", { name: "Its data reaches Medusa" }).click()
    await page.getByRole("button", { name: "Declare", exact: true }).click()
    await page.getByLabel(`system ${crm}`, { exact: true }).waitFor({ timeout: 30000 })
    const { declared_sources } = await adminApi("GET", "/admin/data-map")
    const declared = declared_sources.find((d) => d.name === crm)
    const got = declared && [
      declared.kind,
      declared.sync_method,
      declared.reaches_medusa,
      declared.holds.map((h) => `${h.feeds}: ${h.what}`),
    ]
    const want = ["crm", "batch", true, ["customers: loyalty tiers"]]
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      throw new Error(`declared through the form: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
    }

    // the Markdown export names the same chain
    const md = await page.evaluate(
      async (url) => (await fetch(url, { credentials: "include" })).text(),
      `${baseUrl}/admin/personalization/plan?format=md`
    )
    // (the demo's own requirement may name the same rule: then the line names both)
    const named = `requirement ${requirement.id} "${statement}"`
    const whyLine = md.split("\n").find((l) => l.startsWith("- Why: ") && l.includes(named))
    if (!whyLine || !whyLine.endsWith(`-> objective "${objective.name}"`)) {
      throw new Error(
        `the Markdown export lacks a "- Why:" line with ${named} -> objective "${objective.name}": ${why}`
      )
    }
  },
}
