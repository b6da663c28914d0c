import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createStep, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import { createAdminUser } from "../helpers/admin"
import { plantRecommendationStore } from "../helpers/recommendation-fixtures"
import { AOV_RULES } from "../helpers/segment-fixtures"
import { oddString, perturbed } from "../helpers/arbitraries"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import type RecommendationModuleService from "../../src/modules/recommendation/service"
import { PLAN_MODULE } from "../../src/modules/plan"
import type PlanModuleService from "../../src/modules/plan/service"
import { createRequirementStep } from "../../src/workflows/plan/steps/create-requirement"
import { updateRequirementStep } from "../../src/workflows/plan/steps/update-requirement"
import { logDecisionStep } from "../../src/workflows/decision-log/steps/log-decision"

jest.setTimeout(600 * 1000)

const RUNS = Number(process.env.GENERATED_BODY_RUNS || 150)
const any = { validateStatus: () => true }

// test-only workflows: the real steps, then a step that fails, to exercise compensation
const boomStep = createStep("plan-test-boom", async () => {
  throw new Error("boom")
})
const failingCreate = createWorkflow("plan-test-failing-create", (input: any) => {
  const r = createRequirementStep(input)
  logDecisionStep(transform({ r }, ({ r }) => [{ entity_type: "requirement", entity_id: r.id, action: "created" }]))
  boomStep()
  return new WorkflowResponse(r)
})
const failingUpdate = createWorkflow("plan-test-failing-update", (input: any) => {
  const r = updateRequirementStep(input)
  boomStep()
  return new WorkflowResponse(r)
})

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let admin: any
    let adminEmail: string
    let fx: { objective: any; segment: any; rule: any; orphanRule: any; pos: any }

    beforeEach(async () => {
      const container = getContainer()
      adminEmail = "planner@medusa.test"
      admin = (await createAdminUser(container, adminEmail)).headers
      const objective = (
        await api.post(
          "/admin/objectives",
          {
            name: "Bigger baskets",
            metric: "average_order_value",
            target: 45,
            holdout_share: 0.1,
            rationale: "Baskets shrank after the price rise",
            deadline: "2027-06-30",
          },
          admin
        )
      ).data.objective
      const segment = (
        await api.post("/admin/segments", { name: "AOV regulars", currency_code: "gbp", rules: AOV_RULES }, admin)
      ).data.segment
      const recommendations = container.resolve<RecommendationModuleService>(RECOMMENDATION_MODULE)
      const rule = await recommendations.createRecommendationRules({
        name: "Boost bundles",
        action: "boost",
        target_type: "collection",
        target_id: "pcol_bundles",
        weight: 2,
        segment_id: segment.id,
        status: "active",
      })
      const orphanRule = await recommendations.createRecommendationRules({
        name: "Bury clearance",
        action: "bury",
        target_type: "tag",
        target_id: "ptag_clearance",
        status: "active",
      })
      const pos = (
        await api.post(
          "/admin/data-map/sources",
          {
            name: "Shop POS",
            kind: "pos",
            owner: "Retail ops",
            holds: [{ feeds: "orders", what: "in-store purchases" }],
            sync_method: "none",
            reaches_medusa: false,
          },
          admin
        )
      ).data.data_source
      fx = { objective, segment, rule, orphanRule, pos }
    })

    const chainBody = () => ({
      role: "merchandising",
      statement: "Regulars see bundles first",
      acceptance_criterion: "AOV of regulars up 10% against holdout",
      priority: "must",
      owner: "Head of merchandising",
      objective_id: fx.objective.id,
      links: [
        { target_type: "segment", target_id: fx.segment.id },
        { target_type: "recommendation_rule", target_id: fx.rule.id },
        { target_type: "data_source", target_id: "medusa:orders" },
      ],
      reason: "Q1 planning workshop",
    })

    describe("requirements: CRUD and the decision log", () => {
      it("creates, reads, lists, updates (links replaced) and deletes, logging each change with who and why", async () => {
        const created = await api.post("/admin/requirements", chainBody(), admin)
        expect(created.status).toBe(201)
        const r = created.data.requirement
        expect(r.id).toMatch(/^req_/)
        expect(r).toMatchObject({
          role: "merchandising",
          priority: "must",
          objective_id: fx.objective.id,
          links: chainBody().links,
        })
        expect((await api.get(`/admin/requirements/${r.id}`, admin)).data.requirement.statement).toBe(
          "Regulars see bundles first"
        )
        const list = await api.get(`/admin/requirements?objective_id=${fx.objective.id}`, admin)
        expect(list.data.count).toBe(1)
        expect(list.data.requirements[0].id).toBe(r.id)

        const updated = await api.post(
          `/admin/requirements/${r.id}`,
          {
            priority: "should",
            links: [{ target_type: "data_source", target_id: fx.pos.id }],
            reason: "POS data is the real need",
          },
          admin
        )
        expect(updated.data.requirement.priority).toBe("should")
        expect(updated.data.requirement.links).toEqual([{ target_type: "data_source", target_id: fx.pos.id }])

        const deleted = await api.delete(`/admin/requirements/${r.id}?reason=merged into another`, admin)
        expect(deleted.data).toEqual({ id: r.id, object: "requirement", deleted: true })
        expect((await api.get(`/admin/requirements/${r.id}`, { ...admin, ...any })).status).toBe(404)

        const log = await api.get(`/admin/decision-log?entity_type=requirement&entity_id=${r.id}`, admin)
        const entries = [...log.data.decisions].reverse()
        // named by its statement, also once deleted
        expect(entries.map((d: any) => d.entity_name)).toEqual([r.statement, r.statement, r.statement])
        expect(entries.map((d: any) => [d.action, d.reason, d.actor?.email])).toEqual([
          ["created", "Q1 planning workshop", adminEmail],
          ["updated", "POS data is the real need", adminEmail],
          ["deleted", "merged into another", adminEmail],
        ])
        expect(entries[1].diff).toEqual({
          priority: { from: "must", to: "should" },
          links: {
            added: [`data_source:${fx.pos.id}`],
            removed: [`segment:${fx.segment.id}`, `recommendation_rule:${fx.rule.id}`, "data_source:medusa:orders"],
          },
        })
      })

      it("answers 400 naming each bad field, and 404 for an unknown id", async () => {
        const post = (body: any) => api.post("/admin/requirements", body, { ...admin, ...any })
        const cases: [any, RegExp][] = [
          [{ ...chainBody(), role: "finance" }, /role/],
          [{ ...chainBody(), statement: "   " }, /statement/],
          [{ ...chainBody(), acceptance_criterion: undefined }, /acceptance_criterion/],
          [{ ...chainBody(), priority: "urgent" }, /priority/],
          [{ ...chainBody(), extra: 1 }, /extra/],
          [{ ...chainBody(), links: [{ target_type: "order", target_id: "x" }] }, /links\[0\]\.target_type/],
          [{ ...chainBody(), objective_id: "obj_missing" }, /objective_id: objective obj_missing was not found/],
          [
            { ...chainBody(), links: [{ target_type: "segment", target_id: "seg_missing" }] },
            /links\[0\]\.target_id: segment seg_missing was not found/,
          ],
          [
            { ...chainBody(), links: [{ target_type: "data_source", target_id: "medusa:invoices" }] },
            /links\[0\]\.target_id: data_source medusa:invoices was not found/,
          ],
          [
            {
              ...chainBody(),
              links: [
                { target_type: "segment", target_id: fx.segment.id },
                { target_type: "segment", target_id: fx.segment.id },
              ],
            },
            /links\[1\]: segment .* is listed twice/,
          ],
        ]
        for (const [body, message] of cases) {
          const res = await post(body)
          expect({ status: res.status, message: res.data.message }).toEqual({
            status: 400,
            message: expect.stringMatching(message),
          })
        }
        expect((await api.get("/admin/requirements", admin)).data.count).toBe(0)
        const missing = await api.post("/admin/requirements/req_missing", { priority: "must" }, { ...admin, ...any })
        expect(missing.status).toBe(404)
        const badUpdate = await api.post(
          `/admin/requirements/${(await post(chainBody())).data.requirement.id}`,
          { objective_id: "obj_gone" },
          { ...admin, ...any }
        )
        expect(badUpdate.status).toBe(400)
        expect(badUpdate.data.message).toMatch(/objective_id: objective obj_gone was not found/)

        // the plugin's request guard covers the new prefixes: NUL and bad percent-encoding are 400s
        for (const url of [
          "/admin/requirements/req%00",
          "/admin/requirements?q=%00",
          "/admin/data-map/sources/%E0%A4%A",
          "/admin/personalization/plan?format=%00",
        ]) {
          const res = await api.get(url, { ...admin, ...any })
          expect([url, res.status, res.data.message]).toEqual([url, 400, expect.stringMatching(/query|path/)])
        }
        const nul = await post({ ...chainBody(), statement: "a\u0000b" })
        expect([nul.status, nul.data.message]).toEqual([400, expect.stringMatching(/body\.statement/)])
      })

      it("compensation: a failing create leaves no requirement, link or log entry; a failing update restores fields and links", async () => {
        const container = getContainer()
        const plan = container.resolve<PlanModuleService>(PLAN_MODULE)
        const { errors } = await failingCreate(container).run({
          input: {
            requirement: { role: "marketing", statement: "s", acceptance_criterion: "a" },
            links: [{ target_type: "segment", target_id: fx.segment.id }],
          },
          throwOnError: false,
        })
        expect(errors[0].error.message).toBe("boom")
        expect(await plan.listRequirements({}, { withDeleted: true })).toHaveLength(0)
        expect(await plan.listRequirementLinks({}, { withDeleted: true })).toHaveLength(0)
        expect((await api.get("/admin/decision-log?entity_type=requirement", admin)).data.count).toBe(0)

        const r = (await api.post("/admin/requirements", chainBody(), admin)).data.requirement
        const res = await failingUpdate(container).run({
          input: { id: r.id, update: { priority: "could", statement: "changed" }, links: [] },
          throwOnError: false,
        })
        expect(res.errors[0].error.message).toBe("boom")
        const after = (await api.get(`/admin/requirements/${r.id}`, admin)).data.requirement
        expect([after.priority, after.statement, after.links]).toEqual(["must", r.statement, chainBody().links])
      })
    })

    describe("traceability flags", () => {
      it("flags a requirement with no objective, an objective with no requirement, a rule with neither", async () => {
        const loose = (
          await api.post(
            "/admin/requirements",
            { role: "analytics", statement: "Weekly cohort report", acceptance_criterion: "Sent every Monday" },
            admin
          )
        ).data.requirement
        const plan = (await api.get("/admin/personalization/plan", admin)).data
        const flags = plan.flags.map((f: any) => [f.kind, f.entity_id])
        expect(flags).toEqual([
          ["requirement_without_objective", loose.id],
          ["requirement_not_satisfied", loose.id],
          ["objective_without_requirement", fx.objective.id],
          ["rule_without_requirement_or_objective", fx.rule.id],
          ["rule_without_requirement_or_objective", fx.orphanRule.id],
        ])
        // the chain anchors the objective and the linked rule; the orphan rule stays flagged
        await api.post("/admin/requirements", chainBody(), admin)
        const after = (await api.get("/admin/personalization/plan", admin)).data
        expect(after.flags.map((f: any) => [f.kind, f.entity_id])).toEqual([
          ["requirement_without_objective", loose.id],
          ["requirement_not_satisfied", loose.id],
          ["rule_without_requirement_or_objective", fx.orphanRule.id],
        ])
        expect(after.unanchored.requirements.map((r: any) => r.id)).toEqual([loose.id])
        expect(after.unanchored.rules.map((r: any) => r.id)).toEqual([fx.orphanRule.id])
      })
    })

    describe("the plan export", () => {
      it("prints the objective -> requirement -> segment -> rule chain in Markdown, word for word", async () => {
        const req = (await api.post("/admin/requirements", chainBody(), admin)).data.requirement
        const json = (await api.get("/admin/personalization/plan", admin)).data
        const o = json.objectives.find((x: any) => x.id === fx.objective.id)
        expect(o.requirements.map((r: any) => r.id)).toEqual([req.id])
        expect(o.segments.map((s: any) => s.id)).toEqual([fx.segment.id])
        expect(o.rules.map((r: any) => r.id)).toEqual([fx.rule.id])
        const at = (type: string, id: string) =>
          json.objectives[0].decisions
            .concat(o.requirements[0].decisions, o.segments[0].decisions)
            .filter((d: any) => d.entity_type === type && d.entity_id === id)
            .map((d: any) => d.at)
        const [objCreated] = at("objective", fx.objective.id)
        const [reqCreated] = at("requirement", req.id)
        const [segCreated] = at("segment", fx.segment.id)

        const res = await api.get("/admin/personalization/plan?format=md", admin)
        expect(res.headers["content-type"]).toMatch(/^text\/markdown/)
        const md: string = res.data
        const start = md.indexOf(`## Objective: Bigger baskets (${fx.objective.id})`)
        const end = md.indexOf("\n## Data gaps") + 1
        expect(md.slice(start, end)).toBe(
          [
            `## Objective: Bigger baskets (${fx.objective.id})`,
            "",
            "- Status: draft. Metric: average order value (increase).",
            `- Baseline: ${o.baseline === null ? "none" : o.baseline}. Target: 45. Deadline: 2027-06-30. Review by: none.`,
            "- Current lift: not measured yet",
            "- Rationale: Baskets shrank after the price rise",
            "",
            `### Requirement ${req.id}: Regulars see bundles first`,
            "",
            "- Role: merchandising. Priority: must. Owner: Head of merchandising.",
            "- Acceptance criterion: AOV of regulars up 10% against holdout",
            `- Satisfied by: segment "AOV regulars" (${fx.segment.id}), rule "Boost bundles" (${fx.rule.id}), data source medusa:orders`,
            `- ${reqCreated}: requirement created by ${adminEmail}: Q1 planning workshop`,
            "",
            "### Segments",
            "",
            `#### Segment "AOV regulars" (${fx.segment.id})`,
            "",
            "- Definition: Order count is at least 3 in the last 90 days and Average order value is more than 150",
            "- Members: 0 (last 30 days: 0 entered, 0 left). Status: draft. Review by: none.",
            `- Requirements: ${req.id}`,
            "- Data gap: Shop POS does not reach Medusa: in-store purchases missing from orders",
            "- Data gap: Orders: no records in Medusa",
            `- ${segCreated}: segment created by ${adminEmail}`,
            "",
            "### Rules",
            "",
            `#### Rule "Boost bundles" (${fx.rule.id})`,
            "",
            `- boost collection pcol_bundles for segment ${fx.segment.id}. Status: active. Impressions: 0.`,
            `- Why: requirement ${req.id} "Regulars see bundles first" -> objective "Bigger baskets"`,
            "",
            "### Data gaps",
            "",
            `- Shop POS does not reach Medusa: in-store purchases missing from orders (blocks segment AOV regulars, objective Bigger baskets, strategy co_purchase, strategy fallback_store)`,
            `- Orders: no records in Medusa (blocks segment AOV regulars, objective Bigger baskets, strategy co_purchase, strategy fallback_store)`,
            "",
            "### Decisions",
            "",
            `- ${objCreated}: objective created by ${adminEmail}: Baskets shrank after the price rise`,
            "",
            "## Without an objective",
            "",
            `#### Rule "Bury clearance" (${fx.orphanRule.id})`,
            "",
            "- bury tag ptag_clearance. Status: active. Impressions: 0.",
            "- Why: no requirement or objective",
            "",
            "",
          ].join("\n")
        )
        expect(md.startsWith("# Personalization plan\n\nGenerated ")).toBe(true)
        expect(md).toContain(
          `## Traceability flags\n\n- Rule "Bury clearance" has neither an objective nor a requirement\n`
        )

        const html = await api.get("/admin/personalization/plan?format=html", admin)
        expect(html.headers["content-type"]).toMatch(/^text\/html/)
        expect(html.data).toContain(`<h4>Rule &quot;Boost bundles&quot; (${fx.rule.id})</h4>`)
        expect(html.data).toContain(
          `<li>Why: requirement ${req.id} &quot;Regulars see bundles first&quot; -&gt; objective &quot;Bigger baskets&quot;</li>`
        )
        const bad = await api.get("/admin/personalization/plan?format=pdf", { ...admin, ...any })
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/format/)

        // the file-like addresses answer the same documents
        const undated = (text: string) => text.replace(/^Generated .*$/m, "Generated")
        const mdFile = await api.get("/admin/personalization/plan.md", admin)
        expect(mdFile.headers["content-type"]).toMatch(/^text\/markdown/)
        expect(undated(mdFile.data)).toBe(undated(md))
        const htmlFile = await api.get("/admin/personalization/plan.html", admin)
        expect(htmlFile.headers["content-type"]).toMatch(/^text\/html/)
        expect(htmlFile.data).toContain(`<h4>Rule &quot;Boost bundles&quot; (${fx.rule.id})</h4>`)
        const jsonFile = await api.get("/admin/personalization/plan.json", admin)
        const planJson = await api.get("/admin/personalization/plan", admin)
        expect(jsonFile.data.objectives.map((o: any) => o.id)).toEqual(planJson.data.objectives.map((o: any) => o.id))
        expect((await api.get("/admin/personalization/plan.md", any)).status).toBe(401)
      })

      it("puts overdue reviews, past deadlines and rules with no impressions at the top", async () => {
        const recommendations = getContainer().resolve<RecommendationModuleService>(RECOMMENDATION_MODULE)
        const productRule = await recommendations.createRecommendationRules({
          name: "Pin the mug",
          action: "pin",
          target_type: "product",
          target_id: "prod_mug",
          objective_id: fx.objective.id,
          status: "active",
        })
        await api.post(
          "/admin/personalization/reviews",
          { entity_type: "segment", entity_id: fx.segment.id, review_by: "2026-01-15", reason: "quarterly" },
          admin
        )
        await api.post("/admin/objectives/" + fx.objective.id, { deadline: "2026-02-01" }, admin)
        const plan = (await api.get("/admin/personalization/plan", admin)).data
        expect(plan.attention.map((a: any) => a.message)).toEqual([
          `Review of segment "AOV regulars" was due 2026-01-15`,
          `Rule "Boost bundles" has no impressions`,
          `Rule "Bury clearance" has no impressions`,
          `Rule "Pin the mug" has no impressions`,
          `Objective "Bigger baskets" passed its deadline 2026-02-01 without a verdict`,
        ])
        expect(plan.objectives[0].rules.map((r: any) => [r.id, r.impressions])).toEqual([[productRule.id, 0]])
        const log = await api.get(`/admin/decision-log?entity_type=segment&entity_id=${fx.segment.id}`, admin)
        expect(log.data.decisions[0]).toMatchObject({ action: "review_scheduled", reason: "quarterly" })
        const bad = await api.post(
          "/admin/personalization/reviews",
          { entity_type: "segment", entity_id: "seg_missing", review_by: "2026-01-15" },
          { ...admin, ...any }
        )
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringMatching(/entity_id: segment seg_missing/)])
      })
    })

    describe("rule impressions", () => {
      it("counts a category rule's impressions from the served lists it acted on; a rule that acted on none is flagged", async () => {
        const container = getContainer()
        const store = await plantRecommendationStore(container)
        const pk = { headers: { "x-publishable-api-key": store.publishableKey } }
        const productModule = container.resolve(Modules.PRODUCT)
        const [vases] = await productModule.createProductCategories([{ name: "Vases", is_active: true }])
        await productModule.updateProducts(store.products.vase.id, { category_ids: [vases.id] })
        const recommendations = container.resolve<RecommendationModuleService>(RECOMMENDATION_MODULE)
        recommendations.clearCache()
        await recommendations.rebuildAffinity()
        const categoryRule = (
          await api.post(
            "/admin/recommendations/rules",
            {
              name: "Boost vases",
              action: "boost",
              target_type: "category",
              target_id: vases.id,
              objective_id: fx.objective.id,
              status: "active",
            },
            admin
          )
        ).data.rule

        // anonymous home list: store best sellers, the vase boosted; the tag rule matches no product
        const served = (await api.get("/store/recommendations?placement=home", pk)).data
        const listed = served.products.map((p: any) => p.id)
        expect(listed).toContain(store.products.vase.id)
        const [serve] = await recommendations.listRecommendationServes({ id: served.recommendation_id })
        expect(serve.rule_ids).toEqual([categoryRule.id])

        const event = (type: string) =>
          api.post(
            "/store/recommendations/events",
            {
              type,
              recommendation_id: served.recommendation_id,
              product_id: store.products.vase.id,
              placement: "home",
            },
            pk
          )
        expect((await event("impression")).status).toBe(201)
        // a click is not an impression
        expect((await event("click")).status).toBe(201)

        const plan = (await api.get("/admin/personalization/plan", admin)).data
        const rules = [...plan.objectives.flatMap((o: any) => o.rules), ...plan.unanchored.rules]
        const impressions = Object.fromEntries(rules.map((r: any) => [r.name, r.impressions]))
        expect(impressions).toEqual({ "Boost bundles": 0, "Bury clearance": 0, "Boost vases": 1 })
        expect(plan.attention.map((a: any) => a.message)).toEqual([
          `Rule "Boost bundles" has no impressions`,
          `Rule "Bury clearance" has no impressions`,
        ])
        const md: string = (await api.get("/admin/personalization/plan?format=md", admin)).data
        expect(md).toContain(`- boost category ${vases.id}. Status: active. Impressions: 1.`)
      })
    })

    describe("data map", () => {
      it("detects Medusa's sources, and shows what a system that does not reach Medusa blocks", async () => {
        const map = (await api.get("/admin/data-map", admin)).data
        expect(map.medusa_sources.map((s: any) => s.id)).toEqual([
          "medusa:customers",
          "medusa:orders",
          "medusa:products",
          "medusa:categories",
          "medusa:carts",
          "medusa:events",
        ])
        const orders = map.medusa_sources.find((s: any) => s.key === "orders")
        expect([orders.records, orders.newest_record_at, orders.attributes[0]]).toEqual([
          0,
          null,
          { name: "customer_id", filled: 0, fill_rate: null },
        ])
        const pos = map.gaps.find((g: any) => g.source_id === fx.pos.id)
        expect(pos.problem).toBe("not_reaching")
        expect(pos.message).toBe("Shop POS does not reach Medusa: in-store purchases missing from orders")
        expect(pos.blocks).toEqual([
          {
            type: "segment",
            id: fx.segment.id,
            label: "AOV regulars",
            needs: ["average_order_value", "order_count"],
          },
          { type: "objective", id: fx.objective.id, label: "Bigger baskets", needs: ["average_order_value"] },
          { type: "strategy", id: "co_purchase", label: "co_purchase", needs: ["orders"] },
          { type: "strategy", id: "fallback_store", label: "fallback_store", needs: ["orders"] },
        ])
        // an empty Medusa source is a gap too
        expect(map.gaps.filter((g: any) => g.problem === "empty").map((g: any) => g.source_id)).toContain(
          "medusa:orders"
        )

        // a sync that reaches Medusa but is late beyond its interval is stale
        await api.post(
          `/admin/data-map/sources/${fx.pos.id}`,
          {
            reaches_medusa: true,
            sync_method: "batch",
            sync_interval_hours: 24,
            last_synced_at: "2026-01-01T00:00:00Z",
          },
          admin
        )
        const stale = (await api.get("/admin/data-map", admin)).data.gaps.find((g: any) => g.source_id === fx.pos.id)
        expect(stale.problem).toBe("stale")
        expect(stale.message).toBe(
          "Shop POS last synced 2026-01-01T00:00:00.000Z, beyond its 24 h interval: in-store purchases missing from orders"
        )
        await api.post(`/admin/data-map/sources/${fx.pos.id}`, { last_synced_at: new Date().toISOString() }, admin)
        const fresh = (await api.get("/admin/data-map", admin)).data.gaps.find((g: any) => g.source_id === fx.pos.id)
        expect(fresh).toBeUndefined()
        const sourceLog = await api.get(`/admin/decision-log?entity_type=data_source&entity_id=${fx.pos.id}`, admin)
        expect(sourceLog.data.decisions.map((d: any) => d.entity_name)).toEqual(
          sourceLog.data.decisions.map(() => "Shop POS")
        )
        expect(sourceLog.data.decisions.length).toBeGreaterThan(1)
      })

      it("the audit's readiness reads the data map: a declared system that does not reach Medusa is a finding with what it blocks", async () => {
        const started = await api.post("/admin/data-audit/runs", { check_ids: ["readiness.declared_sources"] }, admin)
        let run: any
        for (const deadline = Date.now() + 120000; ;) {
          run = (await api.get(`/admin/data-audit/runs/${started.data.audit_run.id}`, admin)).data.audit_run
          if (run.status === "completed" || run.status === "failed") break
          if (Date.now() > deadline) throw new Error(`audit run still ${run.status}`)
          await new Promise((r) => setTimeout(r, 200))
        }
        expect(run.status).toBe("completed")
        expect(
          run.findings.map((f: any) => [f.check_id, f.subject_id, f.subject_label, f.affected, f.total, f.blocks])
        ).toEqual([
          [
            "readiness.declared_sources",
            fx.pos.id,
            "Shop POS",
            1,
            1,
            {
              segment_attributes: ["average_order_value", "order_count"],
              objective_metrics: ["average_order_value"],
              strategies: ["co_purchase", "fallback_store"],
            },
          ],
        ])
      })

      it("declared sources: CRUD with 400s naming the field, delete refused while a requirement names it", async () => {
        const post = (body: any) => api.post("/admin/data-map/sources", body, { ...admin, ...any })
        for (const [body, field] of [
          [{ name: "" }, "name"],
          [{ name: "CRM", kind: "spreadsheet" }, "kind"],
          [{ name: "CRM", holds: [{ feeds: "invoices", what: "x" }] }, "holds[0].feeds"],
          [{ name: "CRM", sync_interval_hours: 0 }, "sync_interval_hours"],
          [{ name: "CRM", last_synced_at: "2021-02-30" }, "last_synced_at"],
        ] as [any, string][]) {
          const res = await post(body)
          expect([res.status, res.data.message]).toEqual([400, expect.stringContaining(field)])
        }
        const crm = (await post({ name: "CRM", kind: "crm", reaches_medusa: true, reason: "inventory" })).data
          .data_source
        expect(crm).toMatchObject({ name: "CRM", kind: "crm", holds: [], sync_method: "none" })
        const list = (await api.get("/admin/data-map/sources", admin)).data
        expect(list.data_sources.map((d: any) => d.name)).toEqual(["Shop POS", "CRM"])

        const req = (
          await api.post(
            "/admin/requirements",
            { ...chainBody(), links: [{ target_type: "data_source", target_id: crm.id }] },
            admin
          )
        ).data.requirement
        const refused = await api.delete(`/admin/data-map/sources/${crm.id}`, { ...admin, ...any })
        expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining(req.id)])
        await api.delete(`/admin/requirements/${req.id}`, admin)
        expect((await api.delete(`/admin/data-map/sources/${crm.id}?reason=retired`, admin)).data.deleted).toBe(true)
        expect((await api.get(`/admin/data-map/sources/${crm.id}`, { ...admin, ...any })).status).toBe(404)
        const log = await api.get(`/admin/decision-log?entity_type=data_source&entity_id=${crm.id}`, admin)
        expect(log.data.decisions.map((d: any) => [d.action, d.reason])).toEqual([
          ["deleted", "retired"],
          ["created", "inventory"],
        ])
      })
    })

    describe("generated bodies", () => {
      function expectHandled(res: { status: number; data: any }, allowed: number[]) {
        expect({ status: res.status, message: res.data?.message }).toEqual(
          allowed.includes(res.status)
            ? { status: res.status, message: res.data?.message }
            : { status: "one of " + allowed, message: "" }
        )
        if (res.status === 400) expect(res.data.message.length).toBeGreaterThan(0)
      }

      it(`${RUNS} generated requirement and data-source bodies: 201 or 400, never 500`, async () => {
        const link = fc.record({
          target_type: fc.constantFrom("segment", "recommendation_rule", "data_source"),
          target_id: fc.constantFrom(fx.segment.id, fx.rule.id, fx.pos.id, "medusa:orders", "seg_missing"),
        })
        const statuses = new Set<number>()
        await fc.assert(
          fc.asyncProperty(
            perturbed(
              {
                role: fc.constantFrom("marketing", "merchandising", "technology", "analytics"),
                statement: fc.string({ minLength: 1, maxLength: 40 }),
                acceptance_criterion: fc.string({ minLength: 1, maxLength: 40 }),
                priority: fc.constantFrom("must", "should", "could"),
                objective_id: fc.constantFrom(fx.objective.id, null),
                links: fc.array(link, { maxLength: 3 }),
                reason: fc.string({ maxLength: 40 }),
              },
              {
                role: oddString,
                statement: oddString,
                priority: oddString,
                objective_id: fc.constantFrom("obj_missing", "", 7),
                links: fc.constantFrom("x", [{}], [{ target_type: "segment" }], null),
              }
            ),
            async (body) => {
              const res = await api.post("/admin/requirements", body, { ...admin, ...any })
              statuses.add(res.status)
              expectHandled(res, [201, 400])
            }
          ),
          { numRuns: RUNS }
        )
        await fc.assert(
          fc.asyncProperty(
            perturbed(
              {
                name: fc.string({ minLength: 1, maxLength: 40 }),
                kind: fc.constantFrom("pos", "crm", "email", "erp", "other"),
                holds: fc.array(
                  fc.record({
                    feeds: fc.constantFrom("customers", "orders", "products"),
                    what: fc.string({ minLength: 1, maxLength: 20 }),
                  }),
                  { maxLength: 2 }
                ),
                sync_interval_hours: fc.integer({ min: 1, max: 1000 }),
                reaches_medusa: fc.boolean(),
              },
              {
                name: oddString,
                kind: oddString,
                holds: fc.constantFrom([{ feeds: "x", what: "y" }], "orders", [null]),
                sync_interval_hours: fc.constantFrom(0, -1, 1.5, "24", 1e12),
                last_synced_at: oddString,
              }
            ),
            async (body) => {
              const res = await api.post("/admin/data-map/sources", body, { ...admin, ...any })
              statuses.add(res.status)
              expectHandled(res, [201, 400])
            }
          ),
          { numRuns: RUNS }
        )
        expect([...statuses].sort()).toEqual([201, 400])
      })

      it(`${RUNS} generated update bodies for a requirement and a data source: 200 or 400, never 500`, async () => {
        const req = (await api.post("/admin/requirements", chainBody(), admin)).data.requirement
        const statuses = new Set<number>()
        await fc.assert(
          fc.asyncProperty(
            perturbed(
              {
                priority: fc.constantFrom("must", "should", "could"),
                owner: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: null }),
                objective_id: fc.constantFrom(fx.objective.id, null, "obj_missing"),
                links: fc.array(
                  fc.record({
                    target_type: fc.constantFrom("segment", "recommendation_rule", "data_source"),
                    target_id: fc.constantFrom(fx.segment.id, fx.rule.id, fx.pos.id, "medusa:carts"),
                  }),
                  { maxLength: 2 }
                ),
              },
              { owner: oddString, links: fc.constantFrom([{ target_type: "segment" }], {}, "x") }
            ),
            async (body) => {
              const res = await api.post(`/admin/requirements/${req.id}`, body, { ...admin, ...any })
              statuses.add(res.status)
              expectHandled(res, [200, 400])
            }
          ),
          { numRuns: RUNS }
        )
        await fc.assert(
          fc.asyncProperty(
            perturbed(
              {
                reaches_medusa: fc.boolean(),
                sync_interval_hours: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
                last_synced_at: fc
                  .date({ min: new Date("2000-01-01"), max: new Date("2030-01-01"), noInvalidDate: true })
                  .map((d) => d.toISOString()),
              },
              { last_synced_at: oddString, sync_interval_hours: fc.constantFrom(0, 2.5, "1") }
            ),
            async (body) => {
              const res = await api.post(`/admin/data-map/sources/${fx.pos.id}`, body, { ...admin, ...any })
              statuses.add(res.status)
              expectHandled(res, [200, 400])
            }
          ),
          { numRuns: RUNS }
        )
        expect([...statuses].sort()).toEqual([200, 400])
      })
    })
  },
})
