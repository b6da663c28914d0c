import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { generateJwtToken } from "@medusajs/framework/utils"
import { createApiKeysWorkflow } from "@medusajs/medusa/core-flows"
import { createAdminUser } from "../helpers/admin"
import { plantExperimentOrders, plantHistory, useStoreCurrency } from "../helpers/objective-fixtures"
import { assignGroup } from "../../src/modules/objective/utils/holdout"
import { daysToDetect } from "../../src/modules/objective/utils/stats"
import { normalQuantile } from "../../src/modules/objective/utils/normal"
import { assertObjectiveLinked } from "../../src/workflows/objective/steps/assert-objective-linked"
import { createStep, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createObjectiveStep } from "../../src/workflows/objective/steps/create-objective"
import { updateObjectiveStep } from "../../src/workflows/objective/steps/update-objective"
import { logDecisionStep } from "../../src/workflows/decision-log/steps/log-decision"
import objectiveSnapshotsJob from "../../src/jobs/objective-snapshots"
import { updateObjectiveWorkflow } from "../../src/workflows/objective/update-objective"
import { setRulesObjectiveStep } from "../../src/workflows/objective/steps/set-rules-objective"

jest.setTimeout(300 * 1000)

const Z = 1.959963984540054

// test-only workflows: the real steps followed by a step that fails, to exercise compensation
const boomStep = createStep("objective-test-boom", async () => {
  throw new Error("boom")
})
const failingCreate = createWorkflow("objective-test-failing-create", (input: any) => {
  const o = createObjectiveStep(input)
  const entries = transform({ o }, ({ o }) => [{ entity_type: "objective", entity_id: o.id, action: "created" }])
  logDecisionStep(entries)
  boomStep()
  return new WorkflowResponse(o)
})
const failingUpdate = createWorkflow("objective-test-failing-update", (input: any) => {
  const r = updateObjectiveStep(input)
  const entries = transform({ input }, ({ input }) => [
    { entity_type: "objective", entity_id: input.id, action: "updated" },
  ])
  logDecisionStep(entries)
  boomStep()
  return new WorkflowResponse(r)
})
const failingRulesObjective = createWorkflow("objective-test-failing-rules-objective", (input: any) => {
  const r = setRulesObjectiveStep(input)
  boomStep()
  return new WorkflowResponse(r)
})

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: any
    let adminId: string
    let fx: {
      customers: { id: string; email?: string | null }[]
      historyAt: Date
      conv: any
      aov: any
      small: any
      planted: Awaited<ReturnType<typeof plantExperimentOrders>>
    }

    // planted once; the runner snapshots the database after this and restores it before each test
    beforeAll(async () => {
      const container = getContainer()
      const admin = await createAdminUser(container, "objectives@medusa.test")
      headers = admin.headers
      adminId = admin.user.id
      const { customers, historyAt } = await plantHistory(container)
      const create = async (body: any) => (await api.post("/admin/objectives", body, headers)).data.objective
      const conv = await create({
        name: "Convert more",
        metric: "conversion_rate",
        target: 0.25,
        holdout_share: 0.5,
        status: "active",
        rationale: "New visitors leave without buying",
        reason: "Q3 planning",
      })
      const aov = await create({
        name: "Bigger baskets",
        metric: "average_order_value",
        holdout_share: 0.5,
        status: "active",
      })
      const small = await create({
        name: "Small holdout",
        metric: "conversion_rate",
        holdout_share: 0.05,
        status: "active",
      })
      const planted = await plantExperimentOrders(container, customers, conv, aov)
      fx = { customers, historyAt, conv, aov, small, planted }
    })

    describe("objectives: baseline and planning", () => {
      it("computes the baseline from the store's history with the window used", async () => {
        const { data } = await api.get(`/admin/objectives/${fx.conv.id}`, headers)
        const o = data.objective
        expect(o.id).toMatch(/^obj_/)
        expect(o.baseline).toBeCloseTo(0.15, 12) // 120 of 800 customers ordered in the window
        expect(o.baseline_n).toBe(800)
        expect(new Date(o.baseline_window_end).getTime()).toBe(fx.historyAt.getTime() + 1000)
        expect(new Date(o.baseline_window_end).getTime() - new Date(o.baseline_window_start).getTime()).toBe(
          90 * 86400000
        )
        expect(o.baseline_computed_at).toBeTruthy()
        expect(o.owner_id).toBe(adminId)
        expect(o.started_at).toBeTruthy()
        // planning: a 0/1 metric at p = 0.15 has sd sqrt(p(1-p)) per customer; effect 0.25 - 0.15
        const expected = daysToDetect({
          sd: Math.sqrt(0.15 * 0.85),
          effect: 0.1,
          holdout_share: 0.5,
          customers_per_day: 800 / 90,
        })!
        expect(o.plan.days_to_detect).toBe(expected.days)
        expect(o.plan.required_customers.total).toBe(expected.required.total)
      })

      it("computes an AOV baseline of 40 from the history orders (2 x 20)", async () => {
        const { data } = await api.get(`/admin/objectives/${fx.aov.id}`, headers)
        expect(data.objective.baseline).toBeCloseTo(40, 10)
        expect(data.objective.baseline_n).toBe(120)
        expect(data.objective.plan.note).toMatch(/No target/)
        const lower = await api.post(
          "/admin/objectives",
          { name: "Wrong way", metric: "average_order_value", target: 30, direction: "increase" },
          headers
        )
        expect(lower.data.objective.plan.warning).toMatch(/below the baseline/)
      })
    })

    describe("objectives: every metric's SQL on a known window", () => {
      it("revenue per customer, lifetime value over N days and repeat purchase within N days", async () => {
        const DAYMS = 86400000
        const h = fx.historyAt.getTime()
        const create = async (body: any) => (await api.post("/admin/objectives", body, headers)).data.objective
        // history only: 120 of 800 customers spent 40 each
        const rpc = await create({
          name: "Revenue per customer",
          metric: "revenue_per_customer",
          baseline_window_start: new Date(h - DAYMS).toISOString(),
          baseline_window_end: new Date(h + DAYMS).toISOString(),
        })
        expect(rpc.baseline).toBeCloseTo((120 * 40) / 800, 10)
        expect(rpc.baseline_n).toBe(800)
        // cohort: first orders in [h - 1d, end - 7d) are the 120 history buyers, 40 each in their first 7 days
        const clv = await create({
          name: "Lifetime value 7 days",
          metric: "customer_lifetime_value",
          metric_window_days: 7,
          baseline_window_start: new Date(h - DAYMS).toISOString(),
          baseline_window_end: new Date(Date.now() + 60000).toISOString(),
        })
        expect(clv.baseline).toBeCloseTo(40, 10)
        expect(clv.baseline_n).toBe(120)
        // move the history buyers' experiment orders to 10 days after their history order: those who
        // bought in the experiment now repeat within 20 days; other buyers' first order stays too recent
        const knex = getContainer().resolve("__pg_connection__") as any
        await knex.raw(`update "order" set created_at = ? where customer_id = any(?) and created_at > ?`, [
          new Date(h + 10 * DAYMS),
          fx.customers.slice(0, 120).map((c) => c.id),
          new Date(h + DAYMS),
        ])
        const repeaters = fx.customers.slice(0, 120).filter((c) => fx.planted.buyers.has(c.id)).length
        const repeat = await create({
          name: "Repeat within 20 days",
          metric: "repeat_purchase_rate",
          metric_window_days: 20,
          baseline_window_start: new Date(h - DAYMS).toISOString(),
          baseline_window_end: new Date(Date.now() + 60000).toISOString(),
        })
        // customers whose first order in the period is > 20 days before its end: only the 120 history buyers
        expect(repeat.baseline_n).toBe(120)
        expect(repeat.baseline).toBeCloseTo(repeaters / 120, 10)
        expect(repeaters).toBeGreaterThan(0)
      })
    })

    describe("objectives: snapshots and lift on planted orders with a known lift", () => {
      it("measures conversion per group and names the winner with the true lift inside the interval", async () => {
        const snap = await api.post(`/admin/objectives/${fx.conv.id}/snapshots`, {}, headers)
        expect(snap.status).toBe(201)
        expect(snap.data.snapshots).toHaveLength(2)
        const { data } = await api.get(`/admin/objectives/${fx.conv.id}/lift`, headers)
        const r = data.report
        const t = fx.planted.conversion.treatment
        const h = fx.planted.conversion.holdout
        // SQL hashing agrees with the JS hash: same group sizes
        expect(r.treatment.n).toBe(t.n)
        expect(r.holdout.n).toBe(h.n)
        expect(r.treatment.successes).toBe(t.successes)
        expect(r.holdout.successes).toBe(h.successes)
        const pt = t.successes / t.n
        const ph = h.successes / h.n
        const se = Math.sqrt((pt * (1 - pt)) / t.n + (ph * (1 - ph)) / h.n)
        expect(r.comparison.difference).toBeCloseTo(pt - ph, 10)
        expect(r.comparison.std_error).toBeCloseTo(se, 10)
        expect(r.comparison.ci_low).toBeCloseTo(pt - ph - Z * se, 10)
        expect(r.comparison.ci_high).toBeCloseTo(pt - ph + Z * se, 10)
        // the planted effect (60% vs 40%, up to rounding in each group) lies in the interval
        expect(r.comparison.ci_low).toBeLessThan(0.2)
        expect(r.comparison.ci_high).toBeGreaterThan(0.2)
        expect(Math.abs(r.comparison.difference - 0.2)).toBeLessThan(0.01)
        expect(r.verdict).toBe("treatment_wins")
        expect(r.srm.mismatch).toBe(false)
        expect(r.minimum_detectable_effect).toBeCloseTo((Z + normalQuantile(0.8)) * se, 10)
        expect(r.progress_to_target).toBeCloseTo((pt - 0.15) / (0.25 - 0.15), 10)
        expect(data.series).toHaveLength(1)
        expect(data.series[0].treatment.value).toBeCloseTo(pt, 10)
      })

      it("measures AOV as a ratio per customer; canceled and other-currency orders are ignored", async () => {
        await api.post(`/admin/objectives/${fx.aov.id}/snapshots`, {}, headers)
        const { data } = await api.get(`/admin/objectives/${fx.aov.id}/lift`, headers)
        const r = data.report
        const t = fx.planted.aov.treatment
        const h = fx.planted.aov.holdout
        expect(r.treatment.n).toBe(t.n)
        expect(r.holdout.n).toBe(h.n)
        expect(r.treatment.value).toBeCloseTo(t.revenue / t.orders, 8)
        expect(r.holdout.value).toBeCloseTo(h.revenue / h.orders, 8)
        // planted: treatment orders 60/80, holdout 50/60: the exact sample lift is known from the plan
        expect(r.comparison.difference).toBeCloseTo(t.revenue / t.orders - h.revenue / h.orders, 8)
        expect(r.comparison.ci_low).toBeLessThan(r.comparison.difference)
        expect(r.comparison.difference).toBeGreaterThan(10)
        expect(r.comparison.ci_low).toBeGreaterThan(0)
        expect(r.verdict).toBe("treatment_wins")
      })

      it('says "not enough data" below 150 customers per group', async () => {
        await api.post(`/admin/objectives/${fx.small.id}/snapshots`, {}, headers)
        const { data } = await api.get(`/admin/objectives/${fx.small.id}/lift`, headers)
        expect(data.report.holdout.n).toBeLessThan(150)
        expect(data.report.holdout.n).toBeGreaterThan(0)
        expect(data.report.verdict).toBe("not_enough_data")
        expect(data.message).toMatch(/^Not enough data/)
      })

      it("snapshots each linked segment separately (members from the segment module)", async () => {
        const container = getContainer()
        const segmentService = container.resolve("segment") as any
        const [segment] = await segmentService.createSegments([{ name: "First 400", handle: "first-400-obj" }])
        const members = fx.customers.slice(0, 400)
        await segmentService.createSegmentMemberships(
          members.map((c) => ({ segment_id: segment.id, customer_id: c.id, entered_at: new Date() }))
        )
        await api.post(`/admin/objectives/${fx.conv.id}/links`, { segment_ids: { add: [segment.id] } }, headers)
        const snap = await api.post(`/admin/objectives/${fx.conv.id}/snapshots`, {}, headers)
        expect(snap.data.snapshots).toHaveLength(4)
        const expected = { treatment: { n: 0, s: 0 }, holdout: { n: 0, s: 0 } }
        for (const c of members) {
          const g = assignGroup(fx.conv.id, c.id, 0.5)
          expected[g].n++
          if (fx.planted.buyers.has(c.id)) expected[g].s++
        }
        const { data } = await api.get(`/admin/objectives/${fx.conv.id}/lift?segment_id=${segment.id}`, headers)
        expect(data.segment_id).toBe(segment.id)
        expect(data.report.treatment.n).toBe(expected.treatment.n)
        expect(data.report.holdout.n).toBe(expected.holdout.n)
        expect(data.report.treatment.successes).toBe(expected.treatment.s)
        expect(data.report.holdout.successes).toBe(expected.holdout.s)
        // the overall report is unchanged by the segment's snapshots
        const overall = await api.get(`/admin/objectives/${fx.conv.id}/lift`, headers)
        expect(overall.data.report.treatment.n).toBe(fx.planted.conversion.treatment.n)
      })

      it("the daily job snapshots every active objective", async () => {
        const container = getContainer()
        await api.post(`/admin/objectives/${fx.small.id}`, { status: "abandoned" }, headers)
        await objectiveSnapshotsJob(container)
        const service = container.resolve("objective") as any
        const snapshots = await service.listObjectiveSnapshots({})
        expect(snapshots.every((s: any) => s.source === "schedule")).toBe(true)
        expect(new Set(snapshots.map((s: any) => s.objective_id))).toEqual(new Set([fx.conv.id, fx.aov.id]))
        expect(snapshots).toHaveLength(4)
      })

      it("lists objectives with progress from the latest snapshot", async () => {
        await api.post(`/admin/objectives/${fx.conv.id}/snapshots`, {}, headers)
        const { data } = await api.get(`/admin/objectives?limit=10`, headers)
        expect(data.count).toBe(3)
        const conv = data.objectives.find((o: any) => o.id === fx.conv.id)
        expect(conv.latest.verdict).toBe("treatment_wins")
        expect(conv.latest.progress_to_target).toBeGreaterThan(1)
        const small = data.objectives.find((o: any) => o.id === fx.small.id)
        expect(small.latest).toBeNull()
        // the rules editor names stored ids and searches live objectives
        const byIds = await api.get(`/admin/objectives?id[]=${fx.conv.id}&id[]=${fx.small.id}`, headers)
        expect(byIds.data.objectives.map((o: any) => o.id).sort()).toEqual([fx.conv.id, fx.small.id].sort())
        const one = await api.get(`/admin/objectives?id=${fx.aov.id}`, headers)
        expect(one.data.objectives.map((o: any) => o.id)).toEqual([fx.aov.id])
      })

      it("stores snapshots for an explicit period; a period with no orders measures zero", async () => {
        const period_end = new Date(fx.historyAt.getTime() - 86400000).toISOString()
        const period_start = new Date(fx.historyAt.getTime() - 20 * 86400000).toISOString()
        const { data } = await api.post(
          `/admin/objectives/${fx.conv.id}/snapshots`,
          { period_start, period_end },
          headers
        )
        const t = data.snapshots.find((s: any) => s.group === "treatment")
        expect(t.successes).toBe(0)
        expect(t.value).toBe(0)
        const list = await api.get(`/admin/objectives/${fx.conv.id}/snapshots`, headers)
        expect(list.data.count).toBe(2)
      })
    })

    describe("objectives: validation, updates and the decision log", () => {
      it("answers 400 naming the field for bad input, 404 for unknown ids", async () => {
        const bad = async (body: any) => await api.post("/admin/objectives", body, headers).catch((e) => e.response)
        let res = await bad({ name: "x", metric: "happiness" })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/metric/)
        res = await bad({ name: "x", metric: "conversion_rate", holdout_share: 0.9 })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/holdout_share/)
        res = await bad({ name: "", metric: "conversion_rate" })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/name/)
        res = await bad({ name: "x", metric: "conversion_rate", colour: "blue" })
        expect(res.status).toBe(400)
        res = await bad({
          name: "x",
          metric: "conversion_rate",
          baseline_window_start: "2026-02-01",
          baseline_window_end: "2026-01-01",
        })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/baseline_window_start/)
        const missing = await api.get(`/admin/objectives/obj_missing`, headers).catch((e) => e.response)
        expect(missing.status).toBe(404)
        const badPeriod = await api
          .post(
            `/admin/objectives/${fx.conv.id}/snapshots`,
            { period_start: "2026-02-01", period_end: "2026-01-01" },
            headers
          )
          .catch((e) => e.response)
        expect(badPeriod.status).toBe(400)
      })

      it("refuses to change the holdout share once measurement started", async () => {
        const res = await api
          .post(`/admin/objectives/${fx.conv.id}`, { holdout_share: 0.1 }, headers)
          .catch((e) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/^holdout_share: cannot change once measurement has started/)

        // the rule is a step of the update workflow: every caller meets it, not only the route
        const container = getContainer()
        const e = await updateObjectiveWorkflow(container)
          .run({ input: { id: fx.aov.id, update: { holdout_share: 0.2 } } })
          .catch((e) => e)
        expect(e.type).toBe("invalid_data")
        expect(e.message).toMatch(/^holdout_share: /)
        const { result } = await updateObjectiveWorkflow(container).run({
          input: { id: fx.aov.id, update: { holdout_share: 0.5, name: "Same share" } },
        })
        expect(result.name).toBe("Same share")
        // a draft has not started: its share may still change
        const draft = (await api.post("/admin/objectives", { name: "Draft", metric: "conversion_rate" }, headers)).data
          .objective
        const changed = await api.post(`/admin/objectives/${draft.id}`, { holdout_share: 0.2 }, headers)
        expect(changed.data.objective.holdout_share).toBe(0.2)
      })

      it("uses the store's default currency when none is given (no hard-coded one)", async () => {
        await useStoreCurrency(getContainer(), "eur")
        const created = await api.post(
          "/admin/objectives",
          { name: "Euro baskets", metric: "average_order_value" },
          headers
        )
        expect(created.data.objective.currency_code).toBe("eur")
        const given = await api.post(
          "/admin/objectives",
          { name: "Dollar baskets", metric: "average_order_value", currency_code: "USD" },
          headers
        )
        expect(given.data.objective.currency_code).toBe("usd")
      })

      it("logs creation, updates (with from/to) and deletion with who and why", async () => {
        const up = await api.post(
          `/admin/objectives/${fx.conv.id}`,
          { target: 0.3, reason: "CFO asked for more" },
          headers
        )
        expect(up.data.objective.target).toBe(0.3)
        const { data } = await api.get(`/admin/decision-log?entity_type=objective&entity_id=${fx.conv.id}`, headers)
        expect(data.count).toBe(2)
        const [update, created] = data.decisions
        expect(update.action).toBe("updated")
        expect(update.actor_id).toBe(adminId)
        expect(update.reason).toBe("CFO asked for more")
        expect(update.diff).toEqual({ target: { from: 0.25, to: 0.3 } })
        // names and emails next to the ids
        expect(update.actor).toEqual({ id: adminId, email: "objectives@medusa.test", name: "Admin Test" })
        expect(update.entity_name).toBe("Convert more")
        expect(created.action).toBe("created")
        expect(created.reason).toBe("Q3 planning")
        expect(created.diff.baseline).toBeCloseTo(0.15, 12)

        await api.post(`/admin/objectives/${fx.small.id}`, { status: "abandoned", reason: "too small" }, headers)
        await api.delete(`/admin/objectives/${fx.small.id}?reason=cleanup`, headers)
        const log = await api.get(`/admin/decision-log?entity_id=${fx.small.id}`, headers)
        expect(log.data.decisions.map((d: any) => d.action)).toEqual(["deleted", "status_abandoned", "created"])
        expect(log.data.decisions[0].reason).toBe("cleanup")
        // a deleted objective keeps its name in the log
        expect(log.data.decisions.map((d: any) => d.entity_name)).toEqual([
          "Small holdout",
          "Small holdout",
          "Small holdout",
        ])
        const gone = await api.get(`/admin/objectives/${fx.small.id}`, headers).catch((e) => e.response)
        expect(gone.status).toBe(404)
      })

      it("compensates: a failure after create/update/log rolls back the objective and its log entries", async () => {
        const container = getContainer()
        const service = container.resolve("objective") as any
        const before = await service.listDecisionLogs({})
        const created = await failingCreate(container).run({
          input: { name: "Doomed", metric: "conversion_rate", currency_code: "gbp" },
          throwOnError: false,
        })
        expect(created.errors[0].error.message).toBe("boom")
        expect(await service.listObjectives({ name: "Doomed" })).toEqual([])
        const updated = await failingUpdate(container).run({
          input: { id: fx.aov.id, update: { name: "Renamed", target: 99 } },
          throwOnError: false,
        })
        expect(updated.errors[0].error.message).toBe("boom")
        const aov = await service.retrieveObjective(fx.aov.id)
        expect(aov.name).toBe("Bigger baskets")
        expect(aov.target).toBeNull()
        expect((await service.listDecisionLogs({})).length).toBe(before.length)
      })
    })

    describe("objectives: links and the activation guard", () => {
      it("refuses to activate a segment or rule with no objective, allows it once linked, and logs the links", async () => {
        const container = getContainer()
        const segmentService = container.resolve("segment") as any
        const recommendationService = container.resolve("recommendation") as any
        const [segment] = await segmentService.createSegments([{ name: "Loyal", handle: "loyal-obj-test" }])
        const [rule] = await recommendationService.createRecommendationRules([
          { name: "Boost candles", target_id: "prod_1" },
        ])
        const refused = await assertObjectiveLinked(container, { entity_type: "segment", entity_id: segment.id }).catch(
          (e) => e
        )
        expect(refused.type).toBe("not_allowed")
        expect(refused.message).toMatch(/not linked to any objective/)
        const refusedRule = await assertObjectiveLinked(container, {
          entity_type: "recommendation_rule",
          entity_id: rule.id,
        }).catch((e) => e)
        expect(refusedRule.type).toBe("not_allowed")

        const linked = await api.post(
          `/admin/objectives/${fx.conv.id}/links`,
          {
            segment_ids: { add: [segment.id] },
            recommendation_rule_ids: { add: [rule.id] },
            reason: "segment serves conversion",
          },
          headers
        )
        expect(linked.data.objective.segments.map((s: any) => s.id)).toEqual([segment.id])
        expect(linked.data.objective.recommendation_rules.map((r: any) => r.id)).toEqual([rule.id])
        expect(await assertObjectiveLinked(container, { entity_type: "segment", entity_id: segment.id })).toEqual([
          fx.conv.id,
        ])
        expect(
          await assertObjectiveLinked(container, { entity_type: "recommendation_rule", entity_id: rule.id })
        ).toEqual([fx.conv.id])
        const log = await api.get(`/admin/decision-log?entity_type=segment&entity_id=${segment.id}`, headers)
        expect(log.data.decisions[0]).toMatchObject({
          action: "linked_objective",
          reason: "segment serves conversion",
          actor_id: adminId,
          actor: { id: adminId, email: "objectives@medusa.test", name: "Admin Test" },
          entity_name: "Loyal",
        })
        const ruleLog = await api.get(
          `/admin/decision-log?entity_type=recommendation_rule&entity_id=${rule.id}`,
          headers
        )
        expect(ruleLog.data.decisions[0]).toMatchObject({ action: "linked_objective", entity_name: "Boost candles" })
        // an actor that is not an admin user (a script) has no actor, and its id stays
        await (container.resolve("objective") as any).logDecision({
          entity_type: "segment",
          entity_id: segment.id,
          action: "evaluated",
          actor_id: "script",
        })
        const scripted = await api.get(`/admin/decision-log?entity_id=${segment.id}&action=evaluated`, headers)
        expect(scripted.data.decisions[0]).toMatchObject({ actor_id: "script", actor: null, entity_name: "Loyal" })

        // an abandoned objective does not count
        await api.post(`/admin/objectives/${fx.conv.id}`, { status: "abandoned" }, headers)
        const again = await assertObjectiveLinked(container, { entity_type: "segment", entity_id: segment.id }).catch(
          (e) => e
        )
        expect(again.type).toBe("not_allowed")

        await api.post(`/admin/objectives/${fx.conv.id}/links`, { segment_ids: { remove: [segment.id] } }, headers)
        const after = await api.get(`/admin/objectives/${fx.conv.id}`, headers)
        expect(after.data.objective.segments).toEqual([])
      })

      it("a rule's objective has one source of truth: its objective_id, as the objective API lists it", async () => {
        const container = getContainer()
        const recommendationService = container.resolve("recommendation") as any
        const query = container.resolve("query") as any
        // every rule listed under an objective names it, and every rule naming an objective is listed there
        const expectNoDrift = async () => {
          const objectives = (await api.get("/admin/objectives?limit=100", headers)).data.objectives
          const listed = new Map<string, string>()
          for (const o of objectives) {
            const detail = (await api.get(`/admin/objectives/${o.id}`, headers)).data.objective
            for (const r of detail.recommendation_rules) listed.set(r.id, o.id)
          }
          const { data: rules } = await query.graph({
            entity: "recommendation_rule",
            fields: ["id", "objective_id", "objective.id"],
          })
          for (const r of rules) {
            expect(listed.get(r.id) ?? null).toBe(r.objective_id)
            expect(r.objective?.id ?? null).toBe(r.objective_id)
          }
        }
        const [named, linked] = await recommendationService.createRecommendationRules([
          { name: "Named on the rule", target_id: "prod_1", objective_id: fx.conv.id },
          { name: "Linked by the API", target_id: "prod_2" },
        ])
        const conv = async () => (await api.get(`/admin/objectives/${fx.conv.id}`, headers)).data.objective
        // a rule that names its objective is listed by it with no link to create
        expect((await conv()).recommendation_rules.map((r: any) => r.id)).toEqual([named.id])
        await expectNoDrift()

        // linking writes the rule's objective_id (and bumps its version)
        await api.post(
          `/admin/objectives/${fx.conv.id}/links`,
          { recommendation_rule_ids: { add: [linked.id] } },
          headers
        )
        const afterLink = await recommendationService.retrieveRecommendationRule(linked.id)
        expect(afterLink).toMatchObject({ objective_id: fx.conv.id, version: 2 })
        expect((await conv()).recommendation_rules.map((r: any) => r.id).sort()).toEqual([named.id, linked.id].sort())
        await expectNoDrift()

        // a rule serves one objective: linking it to a second one is refused, not moved silently
        const refused = await api
          .post(`/admin/objectives/${fx.aov.id}/links`, { recommendation_rule_ids: { add: [named.id] } }, headers)
          .catch((e) => e.response)
        expect(refused.status).toBe(400)
        expect(refused.data.message).toContain(`already serves objective ${fx.conv.id}`)
        expect((await recommendationService.retrieveRecommendationRule(named.id)).objective_id).toBe(fx.conv.id)

        // moving it on the rule moves it in the objective API
        await api.post(`/admin/recommendations/rules/${named.id}`, { objective_id: fx.aov.id }, headers)
        const aov = (await api.get(`/admin/objectives/${fx.aov.id}`, headers)).data.objective
        expect(aov.recommendation_rules.map((r: any) => r.id)).toEqual([named.id])
        expect((await conv()).recommendation_rules.map((r: any) => r.id)).toEqual([linked.id])
        await expectNoDrift()

        // unlinking from an objective the rule does not serve changes nothing; from its own clears it
        await api.post(
          `/admin/objectives/${fx.conv.id}/links`,
          { recommendation_rule_ids: { remove: [named.id] } },
          headers
        )
        expect((await recommendationService.retrieveRecommendationRule(named.id)).objective_id).toBe(fx.aov.id)
        await api.post(
          `/admin/objectives/${fx.conv.id}/links`,
          { recommendation_rule_ids: { remove: [linked.id] }, reason: "not this one" },
          headers
        )
        expect(await recommendationService.retrieveRecommendationRule(linked.id)).toMatchObject({
          objective_id: null,
          version: 3,
        })
        expect((await conv()).recommendation_rules).toEqual([])
        const log = await api.get(`/admin/decision-log?entity_type=recommendation_rule&entity_id=${linked.id}`, headers)
        expect(log.data.decisions[0]).toMatchObject({ action: "unlinked_objective", reason: "not this one" })
        await expectNoDrift()

        // compensation: a failure after the step restores each rule's objective and version
        const { errors } = await failingRulesObjective(container).run({
          input: { objective_id: fx.conv.id, add: [linked.id, named.id] },
          throwOnError: false,
        })
        expect(errors[0].error.message).toBe("boom")
        expect(await recommendationService.retrieveRecommendationRule(linked.id)).toMatchObject({
          objective_id: null,
          version: 3,
        })
        expect((await recommendationService.retrieveRecommendationRule(named.id)).objective_id).toBe(fx.aov.id)
        await expectNoDrift()
      })
    })

    describe("store: experiment group", () => {
      it("returns a stable group for anonymous visitors and logged-in customers", async () => {
        const container = getContainer()
        const { result: keys } = await createApiKeysWorkflow(container).run({
          input: { api_keys: [{ title: "objectives test", type: "publishable", created_by: "" }] },
        })
        const store = { headers: { "x-publishable-api-key": keys[0].token } }
        const anon = "visitor-0001"
        const a = await api.get(`/store/objectives/${fx.conv.id}/group?anonymous_id=${anon}`, store)
        expect(a.data.group).toBe(assignGroup(fx.conv.id, `anon:${anon}`, 0.5))
        expect(a.data.subject).toEqual({ type: "anonymous", id: anon })
        expect(a.data.personalize).toBe(a.data.group === "treatment")
        const b = await api.get(`/store/objectives/${fx.conv.id}/group?anonymous_id=${anon}`, store)
        expect(b.data.group).toBe(a.data.group)

        const customer = fx.customers[3]
        const config = container.resolve("configModule") as any
        const token = generateJwtToken(
          {
            actor_id: customer.id,
            actor_type: "customer",
            auth_identity_id: "authid_test",
            app_metadata: { customer_id: customer.id },
          },
          { secret: config.projectConfig.http.jwtSecret, expiresIn: "1d" }
        )
        const c = await api.get(`/store/objectives/${fx.conv.id}/group`, {
          headers: { ...store.headers, authorization: `Bearer ${token}` },
        })
        expect(c.data.subject).toEqual({ type: "customer", id: customer.id })
        expect(c.data.group).toBe(assignGroup(fx.conv.id, customer.id, 0.5))

        const all = await api.get(`/store/objectives/groups?anonymous_id=${anon}`, store)
        expect(all.data.groups.map((g: any) => g.objective_id)).toEqual([fx.conv.id, fx.aov.id, fx.small.id])
        expect(all.data.groups[0].group).toBe(a.data.group)
        expect(all.data.groups[2].group).toBe(assignGroup(fx.small.id, `anon:${anon}`, 0.05))
        // several active objectives: the one that started measuring first governs recommendations
        expect(all.data.engine_objective_id).toBe(fx.conv.id)
        expect(all.data.groups.map((g: any) => [g.governs_recommendations, g.holdout_share])).toEqual([
          [true, 0.5],
          [false, 0.5],
          [false, 0.05],
        ])
        const later = (
          await api.post(
            "/admin/objectives",
            { name: "Later", metric: "conversion_rate", holdout_share: 0.3, status: "active" },
            headers
          )
        ).data.objective
        const after = await api.get(`/store/objectives/groups?anonymous_id=${anon}`, store)
        expect(after.data.engine_objective_id).toBe(fx.conv.id)
        expect(after.data.groups[3]).toEqual({
          objective_id: later.id,
          group: assignGroup(later.id, `anon:${anon}`, 0.3),
          holdout_share: 0.3,
          governs_recommendations: false,
          personalize: assignGroup(later.id, `anon:${anon}`, 0.3) === "treatment",
        })

        const missing = await api.get(`/store/objectives/${fx.conv.id}/group`, store).catch((e) => e.response)
        expect(missing.status).toBe(400)
        expect(missing.data.message).toMatch(/anonymous_id/)
      })
    })
  },
})
