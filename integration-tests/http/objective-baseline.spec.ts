import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAdminUser } from "../helpers/admin"
import { plantHistory } from "../helpers/objective-fixtures"
import { daysToDetect } from "../../src/modules/objective/utils/stats"
import { computeBaselineStep } from "../../src/workflows/objective/steps/compute-baseline"
import { updateObjectiveStep } from "../../src/workflows/objective/steps/update-objective"
import { logDecisionStep } from "../../src/workflows/decision-log/steps/log-decision"

jest.setTimeout(300 * 1000)

const DAY = 86400000

// test-only workflow: the recompute's writing steps followed by a step that fails, to exercise compensation
const boomStep = createStep("objective-baseline-test-boom", async () => {
  throw new Error("boom")
})
const failingRecompute = createWorkflow("objective-baseline-test-failing-recompute", (input: any) => {
  const baseline = computeBaselineStep(input.baseline)
  const update = transform({ input, baseline }, ({ input, baseline }) => ({ id: input.id, update: baseline }))
  updateObjectiveStep(update)
  const entries = transform({ input }, ({ input }) => [
    { entity_type: "objective", entity_id: input.id, action: "baseline_recomputed" },
  ])
  logDecisionStep(entries)
  boomStep()
  return new WorkflowResponse(baseline)
})

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: any
    let adminId: string
    let fx: { customers: { id: string; email?: string | null }[]; historyAt: Date; draft: any; active: any }

    // planted once; the runner snapshots the database after this and restores it before each test
    beforeAll(async () => {
      const container = getContainer()
      const admin = await createAdminUser(container, "objective-baseline@medusa.test")
      headers = admin.headers
      adminId = admin.user.id
      const { customers, historyAt } = await plantHistory(container)
      const create = async (body: any) => (await api.post("/admin/objectives", body, headers)).data.objective
      // 120 of 800 customers ordered in the default window: baseline 0.15
      const draft = await create({
        name: "Convert more (draft)",
        metric: "conversion_rate",
        target: 0.3,
        holdout_share: 0.5,
      })
      const active = await create({
        name: "Convert more (live)",
        metric: "conversion_rate",
        holdout_share: 0.5,
        status: "active",
      })
      fx = { customers, historyAt, draft, active }
    })

    /** 80 more of the 800 customers (none of the 120 history buyers) order `daysBefore` days before the history. */
    async function importMoreHistory(daysBefore = 10) {
      const container = getContainer()
      const orderModule = container.resolve(Modules.ORDER)
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const orders = await orderModule.createOrders(
        fx.customers.slice(120, 200).map((c) => ({
          currency_code: "gbp",
          customer_id: c.id,
          email: c.email,
          items: [{ title: "Imported item", quantity: 1, unit_price: 30 }],
        })) as any
      )
      await knex.raw(`update "order" set created_at = ? where id = any(?)`, [
        new Date(fx.historyAt.getTime() - daysBefore * DAY),
        orders.map((o: any) => o.id),
      ])
    }

    const recompute = (id: string, body: any = {}) =>
      api.post(`/admin/objectives/${id}/baseline`, body, headers).catch((e) => e.response)

    describe("objectives: recompute the baseline", () => {
      it("recomputes over the stored window after more history is imported: 200 of 800 = 0.25", async () => {
        expect(fx.draft.baseline).toBeCloseTo(0.15, 12)
        expect(fx.draft.started_at).toBeNull()
        await importMoreHistory()
        const res = await recompute(fx.draft.id, { reason: "imported 2025 orders" })
        expect(res.status).toBe(200)
        const o = res.data.objective
        expect(o.baseline).toBeCloseTo(0.25, 12)
        expect(o.baseline_n).toBe(800)
        // same window as at creation: it ends just after the last history order
        expect(o.baseline_window_start).toBe(fx.draft.baseline_window_start)
        expect(o.baseline_window_end).toBe(fx.draft.baseline_window_end)
        expect(new Date(o.baseline_window_end).getTime()).toBe(fx.historyAt.getTime() + 1000)
        expect(new Date(o.baseline_computed_at).getTime()).toBeGreaterThan(
          new Date(fx.draft.baseline_computed_at).getTime()
        )
        // the plan follows: a 0/1 metric at p = 0.25, effect 0.3 - 0.25, 800 customers over 90 days
        const expected = daysToDetect({
          sd: Math.sqrt(0.25 * 0.75),
          effect: 0.3 - 0.25,
          holdout_share: 0.5,
          customers_per_day: 800 / 90,
        })!
        expect(o.plan.customers_in_window).toBe(800)
        expect(o.plan.effect).toBeCloseTo(0.05, 12)
        expect(o.plan.days_to_detect).toBe(expected.days)
        expect(o.plan.required_customers.total).toBe(expected.required.total)
        expect(o.started_at).toBeNull()

        const { data } = await api.get(`/admin/decision-log?entity_type=objective&entity_id=${fx.draft.id}`, headers)
        expect(data.decisions.map((d: any) => d.action)).toEqual(["baseline_recomputed", "created"])
        const entry = data.decisions[0]
        expect(entry.actor_id).toBe(adminId)
        expect(entry.reason).toBe("imported 2025 orders")
        expect(Object.keys(entry.diff).sort()).toEqual(
          [
            "baseline",
            "baseline_computed_at",
            "baseline_n",
            "baseline_window_end",
            "baseline_window_start",
            "plan",
          ].sort()
        )
        expect(entry.diff.baseline.from).toBeCloseTo(0.15, 12)
        expect(entry.diff.baseline.to).toBeCloseTo(0.25, 12)
        expect(entry.diff.baseline_n).toEqual({ from: 800, to: 800 })
        expect(entry.diff.baseline_window_end).toEqual({
          from: fx.draft.baseline_window_end,
          to: o.baseline_window_end,
        })
        expect(entry.diff.baseline_computed_at).toEqual({
          from: fx.draft.baseline_computed_at,
          to: o.baseline_computed_at,
        })
        expect(entry.diff.plan.from.days_to_detect).toBe(fx.draft.plan.days_to_detect)
        expect(entry.diff.plan.to.days_to_detect).toBe(expected.days)
      })

      it("uses an explicit window when given and stores it", async () => {
        await importMoreHistory(10)
        const h = fx.historyAt.getTime()
        const start = new Date(h - DAY).toISOString()
        const end = new Date(h + DAY).toISOString()
        // the imported orders are 10 days before the history: outside [h - 1d, h + 1d)
        const res = await recompute(fx.draft.id, { baseline_window_start: start, baseline_window_end: end })
        expect(res.status).toBe(200)
        expect(res.data.objective.baseline).toBeCloseTo(0.15, 12)
        expect(res.data.objective.baseline_window_start).toBe(start)
        expect(res.data.objective.baseline_window_end).toBe(end)
        expect(res.data.objective.plan.window_days).toBe(2)
        const wider = await recompute(fx.draft.id, {
          baseline_window_start: new Date(h - 11 * DAY).toISOString(),
          baseline_window_end: end,
        })
        expect(wider.data.objective.baseline).toBeCloseTo(0.25, 12)
      })

      it("answers 400 naming the field for bad input, 404 for an unknown objective", async () => {
        let res = await recompute(fx.draft.id, {
          baseline_window_start: "not a date",
          baseline_window_end: "2026-01-01",
        })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/baseline_window_start/)
        res = await recompute(fx.draft.id, { baseline_window_start: "2026-02-01", baseline_window_end: "2026-01-01" })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/baseline_window_start/)
        res = await recompute(fx.draft.id, { baseline_window_start: "2026-01-01" })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/baseline_window_end/)
        res = await recompute(fx.draft.id, { colour: "blue" })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/colour/)
        res = await recompute(fx.draft.id, { force: "yes" })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/force/)
        res = await recompute("obj_missing")
        expect(res.status).toBe(404)
        // nothing was written
        const { data } = await api.get(`/admin/decision-log?entity_type=objective&entity_id=${fx.draft.id}`, headers)
        expect(data.decisions.map((d: any) => d.action)).toEqual(["created"])
      })

      it("refuses once measurement has started unless force: true", async () => {
        expect(fx.active.started_at).toBeTruthy()
        await importMoreHistory()
        const refused = await recompute(fx.active.id, { reason: "too late?" })
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/started measurement/)
        expect(refused.data.message).toMatch(/force: true/)
        let { data } = await api.get(`/admin/objectives/${fx.active.id}`, headers)
        expect(data.objective.baseline).toBeCloseTo(0.15, 12)
        expect(data.objective.baseline_computed_at).toBe(fx.active.baseline_computed_at)

        const forced = await recompute(fx.active.id, { force: true, reason: "history import was incomplete" })
        expect(forced.status).toBe(200)
        expect(forced.data.objective.baseline).toBeCloseTo(0.25, 12)
        expect(forced.data.objective.started_at).toBe(fx.active.started_at)
        ;({ data } = await api.get(`/admin/decision-log?entity_type=objective&entity_id=${fx.active.id}`, headers))
        expect(data.decisions.map((d: any) => d.action)).toEqual(["baseline_recomputed", "created"])
        expect(data.decisions[0].reason).toBe("history import was incomplete")
        expect(data.decisions[0].diff.baseline.to).toBeCloseTo(0.25, 12)
      })

      it("compensates: a failure after the update and the log restores the baseline and removes the entry", async () => {
        await importMoreHistory()
        const o = fx.draft
        const e = await failingRecompute(getContainer())
          .run({
            input: {
              id: o.id,
              baseline: {
                metric: "conversion_rate",
                currency_code: "gbp",
                holdout_share: 0.5,
                target: 0.3,
                baseline_window_start: o.baseline_window_start,
                baseline_window_end: o.baseline_window_end,
              },
            },
          })
          .catch((e) => e)
        expect(String(e?.message ?? e)).toMatch(/boom/)
        const { data } = await api.get(`/admin/objectives/${o.id}`, headers)
        expect(data.objective.baseline).toBeCloseTo(0.15, 12)
        expect(data.objective.baseline_computed_at).toBe(o.baseline_computed_at)
        expect(data.objective.plan).toEqual(o.plan)
        const log = await api.get(`/admin/decision-log?entity_type=objective&entity_id=${o.id}`, headers)
        expect(log.data.decisions.map((d: any) => d.action)).toEqual(["created"])
      })
    })
  },
})
