import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { OBJECTIVE_MODULE } from "../../src/modules/objective"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import RecommendationModuleService from "../../src/modules/recommendation/service"
import ObjectiveModuleService from "../../src/modules/objective/service"
import { createAdminUser } from "../helpers/admin"
import {
  plantDatedOrders,
  plantRecommendationStore,
  recommendationCustomerHeaders,
  RecommendationFixture,
} from "../helpers/recommendation-fixtures"

jest.setTimeout(240 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let fx: RecommendationFixture
    let buyer: { headers: Record<string, string> }
    let admin: { headers: Record<string, string> }

    /** One order per customer of one product, placed `daysAgo`. */
    const plantOrders = (daysAgo: number, customers: string[], product: { id: string; variantId: string }) =>
      plantDatedOrders(
        getContainer(),
        fx,
        daysAgo,
        customers.map((customer) => ({ customer, items: [product] }))
      )

    beforeEach(async () => {
      const container = getContainer()
      fx = await plantRecommendationStore(container)
      const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
      service.clearCache()
      buyer = await recommendationCustomerHeaders(container, fx.customers.buyer.id, fx.publishableKey)
      admin = (await createAdminUser(container, `admin-${Date.now()}@buy-again.test`)).headers
      await container.resolve(Modules.PRODUCT).updateProducts(fx.products.mug.id, { metadata: { color: "blue" } })
    })

    /**
     * 30 customers bought the mug 100 days ago, 12 of them again 70 days ago; the logged-in buyer
     * bought it 101 and 71 days ago. With c4 and c5 (once each): 33 buyers, 13 re-buyers, 13
     * intervals of 30 days: a proposed window of 30 days, due for the buyer (71 days).
     */
    const plantMugCycle = async () => {
      const shoppers = Array.from({ length: 30 }, (_, i) => `cus_mug${i}`)
      await plantOrders(100, shoppers, fx.products.mug)
      await plantOrders(70, shoppers.slice(0, 12), fx.products.mug)
      await plantOrders(101, [fx.customers.buyer.id], fx.products.mug)
      await plantOrders(71, [fx.customers.buyer.id], fx.products.mug)
    }

    it("proposes the detected window, applies it on accept, then serves the due re-buy with its reason", async () => {
      await plantMugCycle()
      const before = await api.get("/store/recommendations?placement=buy_again", buyer)
      expect(before.status).toBe(200)
      expect(before.data.recommendations).toEqual([])

      const proposals = await api.get("/admin/recommendations/repurchase-windows", admin)
      expect(proposals.data.repurchase_windows).toEqual([
        {
          product_id: fx.products.mug.id,
          title: "Rec mug",
          buyers: 33,
          rebuyers: 13,
          rebuy_share: 13 / 33,
          intervals: 13,
          median_interval_days: 30,
          proposed_window_days: 30,
          current_window_days: null,
        },
      ])

      const accepted = await api.post(
        "/admin/recommendations/repurchase-windows",
        { windows: [{ product_id: fx.products.mug.id, repurchase_window_days: 30 }] },
        admin
      )
      expect(accepted.data.repurchase_windows).toEqual([
        { product_id: fx.products.mug.id, from: null, repurchase_window_days: 30 },
      ])
      const [mug] = await getContainer()
        .resolve(Modules.PRODUCT)
        .listProducts({ id: fx.products.mug.id }, { select: ["id", "metadata"] })
      expect(mug.metadata).toEqual({ color: "blue", repurchase_window_days: 30 })
      const objectives: ObjectiveModuleService = getContainer().resolve(OBJECTIVE_MODULE)
      const logs = await objectives.listDecisionLogs({ entity_id: fx.products.mug.id })
      expect(logs).toHaveLength(1)
      expect(logs[0]).toMatchObject({
        entity_type: "product",
        action: "repurchase_window_set",
        diff: { repurchase_window_days: { from: null, to: 30 } },
      })
      const after = await api.get("/admin/recommendations/repurchase-windows", admin)
      expect(after.data.repurchase_windows[0].current_window_days).toBe(30)

      const res = await api.get("/store/recommendations?placement=buy_again", buyer)
      expect(res.status).toBe(200)
      expect(res.data.placement).toBe("buy_again")
      expect(res.data.products.map((p: { id: string }) => p.id)).toEqual([fx.products.mug.id])
      expect(res.data.recommendations[0]).toMatchObject({
        product_id: fx.products.mug.id,
        reasons: [{ type: "buy_again", message: "You usually re-buy this every 30 days; last bought 71 days ago" }],
        trace: { source: "buy_again", fallback: false },
      })
      expect(res.data.experiment.personalized).toBe(true)
    })

    it("proposes a category's window when its products are each bought too rarely, and serves products without their own by it", async () => {
      const products = getContainer().resolve(Modules.PRODUCT)
      const [kitchen] = await products.createProductCategories([{ name: "Kitchen", handle: "kitchen-windows" }])
      await products.updateProducts(fx.products.mug.id, { category_ids: [kitchen.id] })
      await products.updateProducts(fx.products.plate.id, { category_ids: [kitchen.id] })
      // mug: 16 buyers, all re-buy 30 days later; plate: 16 other buyers, once. Neither has 30 buyers;
      // with the fixture's c4 and c5 (mug once) and the buyer (mug 101 and 71 days ago), the kitchen has
      // 35 buyers, 17 re-buyers, 17 intervals of 30 days.
      const mugShoppers = Array.from({ length: 16 }, (_, i) => `cus_kmug${i}`)
      const plateShoppers = Array.from({ length: 16 }, (_, i) => `cus_kplate${i}`)
      await plantOrders(100, mugShoppers, fx.products.mug)
      await plantOrders(70, mugShoppers, fx.products.mug)
      await plantOrders(100, plateShoppers, fx.products.plate)
      await plantOrders(101, [fx.customers.buyer.id], fx.products.mug)
      await plantOrders(71, [fx.customers.buyer.id], fx.products.mug)

      const proposals = (await api.get("/admin/recommendations/repurchase-windows", admin)).data
      expect(proposals.repurchase_windows).toEqual([])
      expect(proposals.category_windows).toEqual([
        {
          category_id: kitchen.id,
          name: "Kitchen",
          buyers: 35,
          rebuyers: 17,
          rebuy_share: 17 / 35,
          intervals: 17,
          median_interval_days: 30,
          proposed_window_days: 30,
          current_window_days: null,
        },
      ])

      const accepted = await api.post(
        "/admin/recommendations/repurchase-windows",
        { category_windows: [{ category_id: kitchen.id, repurchase_window_days: 30 }] },
        admin
      )
      expect(accepted.data).toEqual({
        repurchase_windows: [],
        category_windows: [{ category_id: kitchen.id, from: null, repurchase_window_days: 30 }],
      })
      const after = (await api.get("/admin/recommendations/repurchase-windows", admin)).data
      expect(after.category_windows[0].current_window_days).toBe(30)
      const objectives: ObjectiveModuleService = getContainer().resolve(OBJECTIVE_MODULE)
      expect(await objectives.listDecisionLogs({ entity_id: kitchen.id })).toEqual([
        expect.objectContaining({
          entity_type: "product_category",
          action: "repurchase_window_set",
          diff: { repurchase_window_days: { from: null, to: 30 } },
        }),
      ])

      const res = await api.get("/store/recommendations?placement=buy_again", buyer)
      expect(res.data.recommendations.map((r: { product_id: string }) => r.product_id)).toEqual([fx.products.mug.id])
      expect(res.data.recommendations[0].reasons[0].message).toBe(
        "Products like this are usually re-bought every 30 days; last bought 71 days ago"
      )

      // the product's own window wins over its category's: 90 days, not due yet
      await api.post(
        "/admin/recommendations/repurchase-windows",
        { windows: [{ product_id: fx.products.mug.id, repurchase_window_days: 90 }] },
        admin
      )
      expect((await api.get("/store/recommendations?placement=buy_again", buyer)).data.recommendations).toEqual([])

      const unknown = await api.post(
        "/admin/recommendations/repurchase-windows",
        { category_windows: [{ category_id: "pcat_nope", repurchase_window_days: 30 }] },
        { ...admin, validateStatus: () => true }
      )
      expect([unknown.status, unknown.data.message]).toEqual([
        404,
        expect.stringContaining("category_windows[0].category_id pcat_nope"),
      ])
      const empty = await api.post(
        "/admin/recommendations/repurchase-windows",
        {},
        { ...admin, validateStatus: () => true }
      )
      expect([empty.status, empty.data.message]).toEqual([400, expect.stringContaining("windows")])
    })

    /** The mug cycle with its 30-day window accepted, and an active objective with this holdout share. */
    const plantDueMug = async (objectiveId: string, holdoutShare: number) => {
      await plantMugCycle()
      await api.post(
        "/admin/recommendations/repurchase-windows",
        { windows: [{ product_id: fx.products.mug.id, repurchase_window_days: 30 }] },
        admin
      )
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await knex.raw(
        `INSERT INTO objective (id, name, metric, direction, holdout_share, status) VALUES (?, 'Re-buys', 'average_order_value', 'increase', ?, 'active')`,
        [objectiveId, holdoutShare]
      )
      return knex
    }

    it("gives holdout customers of the engine's objective an empty, non-personalized list", async () => {
      const knex = await plantDueMug("obj_buy_again", 1)
      const held = await api.get("/store/recommendations?placement=buy_again", buyer)
      expect(held.data.recommendations).toEqual([])
      expect(held.data.experiment).toMatchObject({
        objective_id: "obj_buy_again",
        group: "holdout",
        personalized: false,
      })
      await knex.raw(`UPDATE objective SET holdout_share = 0 WHERE id = 'obj_buy_again'`)
      const treated = await api.get("/store/recommendations?placement=buy_again", buyer)
      expect(treated.data.recommendations.map((r: { product_id: string }) => r.product_id)).toEqual([
        fx.products.mug.id,
      ])
      expect(treated.data.experiment).toMatchObject({ group: "treatment", personalized: true })
    })

    it("applies rules as other placements do: an exclude rule removes the due re-buy, a boost traces it", async () => {
      await plantDueMug("obj_rebuy_rules", 0)
      const rule = (action: string) => ({
        name: `${action} mug`,
        action,
        target_type: "product",
        target_id: fx.products.mug.id,
        weight: 1,
        status: "active",
        objective_id: "obj_rebuy_rules",
      })
      const excluded = await api.post("/admin/recommendations/rules", rule("exclude"), admin)
      expect(excluded.status).toBe(201)
      const hidden = await api.get("/store/recommendations?placement=buy_again", buyer)
      expect(hidden.data.recommendations).toEqual([])
      expect(hidden.data.filters).toEqual({ rule_exclude: 1 })

      await api.delete(`/admin/recommendations/rules/${excluded.data.rule.id}`, admin)
      const boosted = await api.post("/admin/recommendations/rules", rule("boost"), admin)
      const res = await api.get("/store/recommendations?placement=buy_again", buyer)
      expect(res.data.recommendations).toHaveLength(1)
      expect(res.data.recommendations[0]).toMatchObject({
        product_id: fx.products.mug.id,
        score: 4.733, // 71 / 30 x (1 + 1)
        trace: { source: "buy_again", rule_id: boosted.data.rule.id, objective_id: "obj_rebuy_rules" },
      })
      expect(res.data.recommendations[0].reasons.map((r: { type: string }) => r.type)).toEqual(["buy_again", "rule"])
    })

    it("refuses bad windows and anonymous buy_again with a 400 naming the field", async () => {
      const zero = await api
        .post(
          "/admin/recommendations/repurchase-windows",
          { windows: [{ product_id: fx.products.mug.id, repurchase_window_days: 0 }] },
          admin
        )
        .catch((e) => e.response)
      expect(zero.status).toBe(400)
      expect(zero.data.message).toContain("windows[0].repurchase_window_days")

      const missing = await api
        .post("/admin/recommendations/repurchase-windows", { windows: [{ repurchase_window_days: 30 }] }, admin)
        .catch((e) => e.response)
      expect(missing.status).toBe(400)
      expect(missing.data.message).toContain("windows[0].product_id")

      const unknown = await api
        .post(
          "/admin/recommendations/repurchase-windows",
          { windows: [{ product_id: "prod_nope", repurchase_window_days: 30 }] },
          admin
        )
        .catch((e) => e.response)
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toContain("windows[0].product_id prod_nope")

      const anonymous = await api
        .get("/store/recommendations?placement=buy_again", {
          headers: { "x-publishable-api-key": fx.publishableKey },
        })
        .catch((e) => e.response)
      expect(anonymous.status).toBe(400)
      expect(anonymous.data.message).toContain("placement")
    })
  },
})
