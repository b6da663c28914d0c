module.exports = {
  name: "admin: the sidebar has the plugin's Personalization entry",
  run: async ({ page, baseUrl }) => {
    const entry = page.getByRole("link", { name: "Personalization" }).first()
    await entry.waitFor({ state: "visible", timeout: 120000 })
    await entry.click()
    await page.waitForURL(`${baseUrl}/app/personalization`)
    await page.getByRole("heading", { name: "Personalization" }).waitFor()
  },
}
