import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import fs from "fs"
import os from "os"
import path from "path"
import { importOrderLines } from "../../scripts/import/import-orders"
import { DEMO_POS_NAME, DEMO_SEGMENTS, OBJECTIVE_NAME, seedDemoStory } from "../../scripts/seed/story"
import { createAdminUser } from "../helpers/admin"

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeDataset } = require("../../scripts/generate-dataset")

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("demo seed", () => {
      it("tells the story through the plugin's API and adds nothing on a second run", async () => {
        const container = getContainer()
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-seed-spec-"))
        const file = path.join(dir, "history.csv")
        const today = new Date().toISOString().slice(0, 10)
        await writeDataset({ lines: 2500, customers: 160, products: 40, seed: 5, months: 12, end: today, out: file })
        await importOrderLines(container, { file })
        fs.rmSync(dir, { recursive: true, force: true })
        const { headers } = await createAdminUser(container)

        const first = await seedDemoStory(container, { events_customers: 4 })
        expect(first.simulated_orders).toBeGreaterThan(50)
        expect(first.customer?.email).toMatch(/@online-retail\.example$/)

        const { data } = await api.get(`/admin/objectives/${first.objective_id}`, headers)
        expect(data.objective).toMatchObject({ name: OBJECTIVE_NAME, metric: "repeat_purchase_rate", status: "active" })
        expect(Number(data.objective.baseline)).toBeGreaterThanOrEqual(0)
        expect(Number(data.objective.target)).toBeCloseTo(Number(data.objective.baseline) + 0.05, 3)
        expect(data.objective.holdout_share).toBe(0.1)

        const segments = (await api.get(`/admin/segments?limit=50`, headers)).data.segments
        expect(segments.map((s: any) => s.handle).sort()).toEqual(DEMO_SEGMENTS.map((s) => s.handle).sort())
        for (const id of first.segment_ids) {
          const members = (await api.get(`/admin/segments/${id}/members`, headers)).data
          expect(members.count).toBeGreaterThan(0)
        }

        const rules = (await api.get(`/admin/recommendations/rules`, headers)).data.rules
        expect(rules).toHaveLength(2)
        for (const r of rules) {
          expect(r).toMatchObject({
            status: "active",
            objective_id: first.objective_id,
            segment_id: first.segment_ids[0],
          })
        }
        expect(rules.map((r: any) => r.action).sort()).toEqual(["boost", "pin"])

        // the plan's thread: objective -> requirement -> segment and rules, and a POS that blocks them
        const plan = (await api.get(`/admin/personalization/plan`, headers)).data
        const planned = plan.objectives.find((o: any) => o.id === first.objective_id)
        expect(planned.requirements).toHaveLength(1)
        expect(planned.requirements[0]).toMatchObject({
          objective_id: first.objective_id,
          segment_ids: [first.segment_ids[0]],
        })
        expect([...planned.requirements[0].rule_ids].sort()).toEqual(rules.map((r: any) => r.id).sort())
        expect(plan.flags.map((f: any) => f.message).join("\n")).not.toMatch(/has no requirement/)
        const dataMap = (await api.get(`/admin/data-map`, headers)).data
        expect(JSON.stringify(dataMap)).toContain(DEMO_POS_NAME)
        // the generated history and the story's orders are all dated before now
        const orders = dataMap.medusa_sources.find((s: any) => s.key === "orders")
        expect(orders.update_lag_hours).toBeGreaterThanOrEqual(0)
        expect(dataMap.gaps.map((g: any) => g.problem)).not.toContain("future_dated")

        // the frequent high spenders are a Medusa customer group
        const sync = (await api.get(`/admin/segments/${first.segment_ids[0]}/group-sync`, headers)).data.group_sync
        expect(sync).toMatchObject({ enabled: true, status: "synced" })
        expect(sync.group_member_count).toBe(sync.member_count)
        expect(sync.member_count).toBeGreaterThan(0)

        const run = (await api.get(`/admin/data-audit/runs/${first.audit_run_id}`, headers)).data.audit_run
        expect(run.status).toBe("completed")

        const lift = (await api.get(`/admin/objectives/${first.objective_id}/lift`, headers)).data
        expect(lift.series).toHaveLength(6)
        expect(lift.report.treatment.n).toBeGreaterThan(0)
        expect(lift.report.holdout.n).toBeGreaterThan(0)
        expect(lift.report.comparison.ci_low).toBeLessThan(lift.report.comparison.ci_high)
        expect(lift.report.verdict).toEqual(expect.any(String))

        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const counts = async () => ({
          orders: (await container.resolve(Modules.ORDER).listOrders({}, { select: ["id"], take: null })).length,
          snapshots: Number((await knex.raw(`select count(*) n from objective_snapshot`)).rows[0].n),
          events: Number((await knex.raw(`select count(*) n from recommendation_event`)).rows[0].n),
          audits: Number((await knex.raw(`select count(*) n from audit_run`)).rows[0].n),
          decisions: Number((await knex.raw(`select count(*) n from decision_log`)).rows[0].n),
        })
        const before = await counts()
        expect(before.events).toBeGreaterThan(0)
        const second = await seedDemoStory(container, { events_customers: 4 })
        expect(second.created).toEqual([])
        expect(second.customer?.email).toBe(first.customer?.email)
        expect(await counts()).toEqual(before)
      })
    })
  },
})
