import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { OBJECTIVE_MODULE } from "../../src/modules/objective"
import ObjectiveModuleService from "../../src/modules/objective/service"
import { assignGroup } from "../../src/modules/objective/utils/holdout"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import RecommendationModuleService from "../../src/modules/recommendation/service"
import { createAdminUser } from "../helpers/admin"
import { placeOrder, plantRecommendationStore, recommendationCustomerHeaders } from "../helpers/recommendation-fixtures"

jest.setTimeout(240 * 1000)

const DAY = 86400000
type Group = "treatment" | "holdout"

/**
 * One experiment design with two active objectives (docs/objectives.md, "Several active
 * objectives"): the objective module decides every group; each rule applies per its own
 * objective's group; the objective that started first governs the co-purchase engine; each
 * objective's lift is measured on its own treatment and holdout only.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    it("rules follow their own objective's group, the engine the first objective's, lift each its own split", async () => {
      const container = getContainer()
      const fx = await plantRecommendationStore(container)
      const recommendations: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
      recommendations.clearCache()
      await recommendations.rebuildAffinity()
      const objectives: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
      const admin = (await createAdminUser(container, `admin-${Date.now()}@multi.test`)).headers
      const [a, b] = await objectives.createObjectives([
        {
          name: "Objective A (first)",
          metric: "average_order_value",
          currency_code: "gbp",
          holdout_share: 0.5,
          status: "active",
          started_at: new Date(Date.now() - 20 * DAY),
        },
        {
          name: "Objective B (later)",
          metric: "average_order_value",
          currency_code: "gbp",
          holdout_share: 0.5,
          status: "active",
          started_at: new Date(Date.now() - 10 * DAY),
        },
      ])
      // overlapping rules: each pins a product for everyone, under its own objective
      for (const [objective, product] of [
        [a, fx.products.plate],
        [b, fx.products.mug],
      ] as const) {
        const res = await api.post(
          "/admin/recommendations/rules",
          {
            name: `Pin for ${objective.name}`,
            action: "pin",
            target_type: "product",
            target_id: product.id,
            weight: 1,
            objective_id: objective.id,
            status: "active",
          },
          admin
        )
        expect(res.status).toBe(201)
      }

      // customers in each of the four combinations of groups
      const customerModule = container.resolve(Modules.CUSTOMER)
      const combos = new Map<string, { id: string; email: string; ga: Group; gb: Group }>()
      for (let i = 0; combos.size < 4 && i < 200; i += 8) {
        const batch = await customerModule.createCustomers(
          Array.from({ length: 8 }, (_, k) => ({ email: `multi-${i + k}@multi.test`, has_account: true }))
        )
        for (const c of batch) {
          const ga = assignGroup(a.id, c.id, 0.5)
          const gb = assignGroup(b.id, c.id, 0.5)
          if (!combos.has(`${ga}/${gb}`)) {
            combos.set(`${ga}/${gb}`, { id: c.id, email: c.email!, ga, gb })
          }
        }
      }
      expect(combos.size).toBe(4)

      for (const c of combos.values()) {
        const headers = await recommendationCustomerHeaders(container, c.id, fx.publishableKey)
        const res = await api.get("/store/recommendations?placement=home", headers)
        const traced = new Map(
          res.data.recommendations.map((r: { product_id: string; trace: { rule_id: string | null } }) => [
            r.product_id,
            r.trace.rule_id,
          ])
        )
        // each rule reaches exactly its own objective's treatment
        expect([c.ga, traced.get(fx.products.plate.id) != null]).toEqual([c.ga, c.ga === "treatment"])
        expect([c.gb, traced.get(fx.products.mug.id) != null]).toEqual([c.gb, c.gb === "treatment"])
        // the engine follows the objective that started first
        expect(res.data.experiment).toMatchObject({
          objective_id: a.id,
          group: c.ga,
          personalized: c.ga === "treatment",
        })
        expect(
          [...res.data.experiment.groups].sort((x: any, y: any) => (x.objective_id < y.objective_id ? -1 : 1))
        ).toEqual(
          [
            { objective_id: a.id, group: c.ga },
            { objective_id: b.id, group: c.gb },
          ].sort((x, y) => (x.objective_id < y.objective_id ? -1 : 1))
        )
        // the storefront's view of the groups is the same
        const groups = await api.get("/store/objectives/groups", headers)
        const byObjective = new Map(
          groups.data.groups.map((g: { objective_id: string; group: string }) => [g.objective_id, g.group])
        )
        expect([byObjective.get(a.id), byObjective.get(b.id)]).toEqual([c.ga, c.gb])

        await placeOrder(container, {
          customerId: c.id,
          email: c.email,
          regionId: fx.regionId,
          channelId: fx.channelId,
          items: [{ id: fx.products.vase.id, variantId: fx.products.vase.variantId }],
        })
      }

      // lift: each objective splits the same four buyers by its own assignment
      const ids = [...combos.values()].map((c) => c.id)
      for (const [objective, key] of [
        [a, "ga"],
        [b, "gb"],
      ] as const) {
        const measured = await objectives.measureMetric({
          metric: "average_order_value",
          currency_code: "gbp",
          start: new Date(Date.now() - DAY),
          end: new Date(Date.now() + DAY),
          split: { objective_id: objective.id, holdout_share: 0.5 },
          customer_ids: ids,
        })
        const expected = (g: Group) => [...combos.values()].filter((c) => c[key] === g).length
        expect([measured.groups.treatment?.n, measured.groups.holdout?.n]).toEqual([
          expected("treatment"),
          expected("holdout"),
        ])
      }
    })
  },
})
