import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminUser } from "../helpers/admin"
import { AOV_RULES } from "../helpers/segment-fixtures"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("segment changes in the decision log", () => {
      it("logs create, activation and delete with who and why", async () => {
        const { user, headers } = await createAdminUser(getContainer())
        const created = await api.post(
          "/admin/segments",
          { name: "AOV regulars", currency_code: "gbp", rules: AOV_RULES, reason: "Q4 AOV objective audience" },
          headers
        )
        const id = created.data.segment.id
        await api.post(`/admin/segments/${id}`, { status: "active", reason: "approved by CRM lead" }, headers)
        await api.delete(`/admin/segments/${id}?reason=replaced`, headers)

        const log = await api.get(`/admin/decision-log?entity_type=segment&entity_id=${id}`, headers)
        const entries = [...log.data.decisions].sort(
          (a: any, b: any) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime()
        )
        expect(entries.map((d: any) => [d.action, d.reason, d.actor_id])).toEqual([
          ["created", "Q4 AOV objective audience", user.id],
          ["activated", "approved by CRM lead", user.id],
          ["deleted", "replaced", user.id],
        ])
        expect(entries[1].diff).toEqual({ status: "active" })
      })

      it("rejects an unknown field next to the reason with a 400 naming it", async () => {
        const { headers } = await createAdminUser(getContainer(), "admin2@medusa.test")
        const e = await api
          .post("/admin/segments", { name: "x", currency_code: "gbp", rules: AOV_RULES, reasons: "typo" }, headers)
          .catch((e) => e)
        expect(e.response.status).toBe(400)
        expect(e.response.data.message).toContain("reasons")
      })
    })
  },
})
