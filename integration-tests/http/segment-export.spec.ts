import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IncomingMessage } from "http"
import { createAdminUser } from "../helpers/admin"
import { AOV_RULES, plantSegmentFixture, SegmentFixture } from "../helpers/segment-fixtures"

jest.setTimeout(240 * 1000)

const HEADER =
  "Customer ID,Email,First name,Last name,Entered at,Order count (last 90 days),Average order value (GBP)\r\n"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let container: MedusaContainer

    beforeEach(async () => {
      container = getContainer()
      admin = (await createAdminUser(container)).headers
    })

    const create = async (body: Record<string, unknown>) =>
      (await api.post("/admin/segments", { currency_code: "gbp", ...body }, admin)).data.segment

    describe("GET /admin/segments/:id/members.csv", () => {
      let fx: SegmentFixture

      beforeEach(async () => {
        fx = await plantSegmentFixture(container)
      })

      it("lists the current members with names and the fact of each condition, escaped for spreadsheets", async () => {
        // names a spreadsheet would misread: a comma and quotes, a formula, a line break
        await container.resolve(Modules.CUSTOMER).updateCustomers(fx.customers.gina.id, {
          first_name: 'Gina, "G"',
          last_name: '=HYPERLINK("http://evil.test","x")',
        })
        await container.resolve(Modules.CUSTOMER).updateCustomers(fx.customers.dave.id, { last_name: "two\nlines" })
        const s = await create({ name: "Big spenders", handle: "big-spenders", status: "active", rules: AOV_RULES })
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const { members } = (await api.get(`/admin/segments/${s.id}/members?limit=50`, admin)).data
        const entered = new Map<string, string>(members.map((m: any) => [m.customer_id, m.entered_at]))

        const res = await api.get(`/admin/segments/${s.id}/members.csv`, admin)

        expect(res.status).toBe(200)
        expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8")
        expect(res.headers["content-disposition"]).toMatch(
          /^attachment; filename="segment-big-spenders-members-\d{4}-\d{2}-\d{2}\.csv"$/
        )
        // the admin downloads through the js-sdk, possibly cross-origin: the file name must be readable
        expect(res.headers["access-control-expose-headers"]).toBe("Content-Disposition")
        // alice: 200/180/160 -> AOV 180; dave: 3 x 160 (+ a canceled order that never counts); gina: 3 x 160
        const rows: Record<string, string> = {
          alice: `${fx.customers.alice.id},alice@segment.test,alice,,${entered.get(fx.customers.alice.id)},3,180\r\n`,
          dave: `${fx.customers.dave.id},dave@segment.test,dave,"two\nlines",${entered.get(fx.customers.dave.id)},3,160\r\n`,
          gina: `${fx.customers.gina.id},gina@segment.test,"Gina, ""G""","'=HYPERLINK(""http://evil.test"",""x"")",${entered.get(
            fx.customers.gina.id
          )},3,160\r\n`,
        }
        const byId = ["alice", "dave", "gina"].sort((a, b) =>
          fx.customers[a].id < fx.customers[b].id ? -1 : fx.customers[a].id > fx.customers[b].id ? 1 : 0
        )
        expect(res.data).toBe(HEADER + byId.map((n) => rows[n]).join(""))
      })

      it("answers only the header for a segment without members", async () => {
        const s = await create({ name: "Nobody", handle: "nobody", rules: { type: "any", conditions: [] } })
        const res = await api.get(`/admin/segments/${s.id}/members.csv`, admin)
        expect(res.status).toBe(200)
        expect(res.data).toBe("Customer ID,Email,First name,Last name,Entered at\r\n")
      })

      it("answers 404 for an unknown segment, and 401 without an admin", async () => {
        const e = await api.get("/admin/segments/seg_unknown/members.csv", admin).catch((e) => e)
        expect(e.response.status).toBe(404)
        expect(e.response.data.message).toContain("seg_unknown")
        const anon = await api.get("/admin/segments/seg_unknown/members.csv").catch((e) => e)
        expect(anon.response.status).toBe(401)
      })
    })

    it("streams 20,000 members page by page: rows are read after the first bytes were sent", async () => {
      const N = 20000
      const s = await create({
        name: "Everyone",
        handle: "everyone",
        status: "draft",
        rules: {
          type: "all",
          conditions: [{ type: "condition", attribute: "order_count", operator: "gte", value: 0 }],
        },
      })
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await knex.raw(
        `insert into customer (id, email, first_name, has_account, created_at, updated_at)
          select 'cus_exp_' || lpad(g::text, 6, '0'), 'c' || g || '@export.test', 'C' || g, true, now(), now()
          from generate_series(1, ?) g`,
        [N]
      )
      const memberOf = (customerSql: string) =>
        knex.raw(
          `insert into segment_membership (id, segment_id, customer_id, entered_at, created_at, updated_at)
            select 'segmem_exp_' || c.id, ?, c.id, now(), now(), now() from customer c where ${customerSql}`,
          [s.id]
        )
      await memberOf("c.id like 'cus_exp_%'")

      const res = await api.get(`/admin/segments/${s.id}/members.csv`, { ...admin, responseType: "stream" })
      expect(res.headers["transfer-encoding"]).toBe("chunked")
      expect(res.headers["content-length"]).toBeUndefined()
      const stream = res.data as IncomingMessage
      const chunks: Buffer[] = []
      let late: Promise<unknown> | null = null
      await new Promise<void>((resolve, reject) => {
        stream.on("data", (c: Buffer) => {
          chunks.push(c)
          // a member who sorts last, added once the download has started: a streamed export reads
          // the last page later and lists them; one that built the file first could not
          late ??= knex
            .raw(
              `insert into customer (id, email, first_name, has_account, created_at, updated_at)
                values ('cus_exp_zzzzzz', 'late@export.test', 'Late', true, now(), now())`
            )
            .then(() => memberOf("c.id = 'cus_exp_zzzzzz'"))
        })
        stream.on("end", resolve)
        stream.on("error", reject)
      })
      await late
      const body = Buffer.concat(chunks).toString("utf8")
      const lines = body.split("\r\n")
      expect(lines[0]).toBe("Customer ID,Email,First name,Last name,Entered at,Order count")
      expect(lines[lines.length - 1]).toBe("")
      expect(lines.length).toBe(N + 3) // header, N members, the late member, the final CRLF
      expect(lines[1]).toMatch(/^cus_exp_000001,c1@export\.test,C1,,\d{4}-.+Z,0$/)
      expect(lines[N + 1]).toMatch(/^cus_exp_zzzzzz,late@export\.test,Late,,/)
      expect(chunks.length).toBeGreaterThan(4)
    })
  },
})
