import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import RecommendationModuleService from "../../src/modules/recommendation/service"
import { capHistory } from "../../src/modules/recommendation/utils/co-purchase"
import {
  buildSeeds,
  DEFAULT_SCORING,
  scoreCandidates,
  ScoringOptions,
} from "../../src/modules/recommendation/utils/scoring"
import { CANDIDATES, candidateKey } from "../../src/modules/recommendation/utils/validation"
import { createAdminUser } from "../helpers/admin"
import {
  createPlainProducts,
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
    let service: RecommendationModuleService
    let buyer: { headers: Record<string, string> }
    let admin: { headers: Record<string, string> }
    let extra: { id: string; variantId: string }[]

    /** Orders (one product list each) of made-up customers, all placed `daysAgo`. */
    const plantOrders = (daysAgo: number, orders: { customer: string; items: { id: string; variantId: string }[] }[]) =>
      plantDatedOrders(getContainer(), fx, daysAgo, orders)

    beforeEach(async () => {
      const container = getContainer()
      fx = await plantRecommendationStore(container)
      service = container.resolve(RECOMMENDATION_MODULE)
      service.clearCache()
      extra = await createPlainProducts(container, fx, "Extra", "val-extra", 12)
      buyer = await recommendationCustomerHeaders(container, fx.customers.buyer.id, fx.publishableKey)
      admin = (await createAdminUser(container, `admin-${Date.now()}@val.test`)).headers
    })

    /**
     * A grocery-like store: 40 customers bought the lamp 100 days ago and a mug 3 days ago; 10 others
     * bought only mugs; 5 bought the lamp with 12 extra products. Co-purchase of the lamp points to the
     * 12 extras (more than 10), so it never shows the mug; best sellers (lamp, then mug) always do.
     */
    const plantGroceryLikeStore = async () => {
      await plantOrders(100, [
        ...Array.from({ length: 5 }, (_, i) => ({ customer: `cus_p${i}`, items: [fx.products.lamp, ...extra] })),
        ...Array.from({ length: 10 }, (_, i) => ({ customer: `cus_h${i}`, items: [fx.products.mug] })),
        ...Array.from({ length: 40 }, (_, i) => ({ customer: `cus_g${i}`, items: [fx.products.lamp] })),
      ])
      await plantOrders(
        3,
        Array.from({ length: 40 }, (_, i) => ({ customer: `cus_g${i}`, items: [fx.products.mug] }))
      )
      await service.rebuildAffinity()
    }

    it("validates on the store's orders, stores every candidate and serves best sellers, labeled, when they win", async () => {
      await plantGroceryLikeStore()
      // before any validation: the engine's co-purchase list (the lamp's neighbours)
      const before = await api.get("/store/recommendations?placement=home&limit=10", buyer)
      expect(before.data.recommendations[0].trace.source).toBe("co_purchase")

      const res = await api.post("/admin/recommendations/validate", {}, admin)
      expect(res.status).toBe(200)
      const v = res.data.validation
      expect(v).toMatchObject({
        status: "succeeded",
        trigger: "admin",
        chosen: "best_sellers",
        params: null,
        error: null,
        sufficiency: { sufficient: true, validation_weeks: 13, test_customers: 40 },
      })
      expect(v.reason).toMatch(/^No co-purchase model beat best sellers on the last 13 weeks \(40 customers\)/)
      const byKey = Object.fromEntries(v.candidates.map((c: { key: string }) => [c.key, c]))
      expect(v.candidates).toHaveLength(CANDIDATES.length)
      expect(byKey.best_sellers).toMatchObject({ hit_rate: 1, customers: 40 })
      expect(byKey["co_purchase:a0.15:l1:b0:h90"]).toMatchObject({ hit_rate: 0, customers: 40 })
      expect(byKey["rp3beta:a0.5:b0.5:l1:d1:h90"]).toMatchObject({ hit_rate: 0, customers: 40 })
      expect(v.finished_at).toBeTruthy()

      // the logged-in buyer (bought the lamp) now gets best sellers, never the lamp, each labeled
      const after = await api.get("/store/recommendations?placement=home&limit=10", buyer)
      const recs = after.data.recommendations as {
        product_id: string
        trace: { source: string }
        reasons: { message: string }[]
      }[]
      expect(recs[0].product_id).toBe(fx.products.mug.id)
      expect(recs.map((r) => r.product_id)).not.toContain(fx.products.lamp.id)
      for (const r of recs) {
        expect(r.trace.source).toBe("fallback_store")
        expect(r.reasons.map((x) => x.message)).toContain(`The store's validation chose best sellers (${v.id})`)
      }

      // ?order=personalized: no co-purchase order either; the core order with what they bought last
      const core = (await api.get("/store/products?limit=50", buyer)).data.products.map((p: { id: string }) => p.id)
      const ranked = await api.get("/store/products?limit=50&order=personalized", buyer)
      expect(ranked.headers["x-personalized"]).toBe("true")
      const bought = new Set([fx.products.lamp.id])
      expect(ranked.data.products.map((p: { id: string }) => p.id)).toEqual([
        ...core.filter((id: string) => !bought.has(id)),
        ...core.filter((id: string) => bought.has(id)),
      ])

      const list = await api.get("/admin/recommendations/validations?limit=5", admin)
      expect(list.data).toMatchObject({ count: 1, offset: 0, limit: 5 })
      expect(list.data.validations[0]).toMatchObject({ id: v.id, chosen: "best_sellers" })
    })

    it("a store too small to validate gets the documented default, best sellers", async () => {
      await service.rebuildAffinity()
      const res = await api.post("/admin/recommendations/validate", {}, admin)
      expect(res.data.validation).toMatchObject({
        status: "succeeded",
        chosen: "best_sellers",
        candidates: [],
        sufficiency: { sufficient: false, validation_weeks: null, test_customers: 0 },
      })
      expect(res.data.validation.reason).toMatch(/^Too little data to validate/)
    })

    it("lists validations latest first and refuses bad input with a 400 naming the field", async () => {
      await service.rebuildAffinity()
      const first = await api.post("/admin/recommendations/validate", {}, admin)
      const second = await api.post("/admin/recommendations/validate", {}, admin)
      const list = await api.get("/admin/recommendations/validations?limit=1&offset=0", admin)
      expect(list.data.count).toBe(2)
      expect(list.data.validations.map((v: { id: string }) => v.id)).toEqual([second.data.validation.id])
      expect(first.data.validation.id).not.toBe(second.data.validation.id)

      const bad = await api.post("/admin/recommendations/validate", { alpha: 0.3 }, admin).catch((e) => e.response)
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("alpha")
      const badQuery = await api.get("/admin/recommendations/validations?limit=0", admin).catch((e) => e.response)
      expect(badQuery.status).toBe(400)
      expect(badQuery.data.message).toContain("limit")
    })

    it("a validation that fails is stored as failed with its error and changes nothing served", async () => {
      await plantGroceryLikeStore()
      const spy = jest.spyOn(service, "executeValidation").mockRejectedValueOnce(new Error("orders unreadable"))
      const res = await api.post("/admin/recommendations/validate", {}, admin).catch((e) => e.response)
      spy.mockRestore()
      expect(res.status).toBeGreaterThanOrEqual(400)
      const list = await api.get("/admin/recommendations/validations", admin)
      expect(list.data.validations).toHaveLength(1)
      expect(list.data.validations[0]).toMatchObject({ status: "failed", error: "orders unreadable", chosen: null })
      expect(await service.latestValidation()).toBeNull()
      const served = await api.get("/store/recommendations?placement=home&limit=10", buyer)
      expect(served.data.recommendations[0].trace.source).toBe("co_purchase")
    })

    it("serves the latest succeeded validation's co-purchase model to logged-in customers", async () => {
      await plantGroceryLikeStore()
      await api.post("/admin/recommendations/validate", {}, admin)
      // a later run chose a co-purchase model (as on a giftware store)
      const params = { ...DEFAULT_SCORING, alpha: 0.5, later_weight: 0 }
      const later = await service.createRecommendationValidations({
        status: "succeeded",
        trigger: "api",
        chosen: "co_purchase:a0.5:l0:b0:h90",
        params,
        reason: "test",
        started_at: new Date(Date.now() + 1000),
        finished_at: new Date(Date.now() + 2000),
      })
      service.clearCache()
      expect(await service.latestValidation()).toEqual({
        validation_id: later.id,
        chosen: "co_purchase:a0.5:l0:b0:h90",
        params,
        reason: "test",
      })
      const res = await api.get("/store/recommendations?placement=home&limit=10", buyer)
      const recs = res.data.recommendations as { trace: { source: string }; reasons: { message: string }[] }[]
      expect(recs[0].trace.source).toBe("co_purchase")
      expect(recs.flatMap((r) => r.reasons.map((x) => x.message)).join(" ")).not.toContain(
        "validation chose best sellers"
      )
    })

    it("serves an RP3beta model from product_affinity's weighted counts: light customers' pairs count more", async () => {
      // with the buyer's lamp: extra 0 by 2 customers who bought 2 products; extra 1 (and 2-9) by 3
      // customers who bought 10: co-purchase ranks extra 0 below them, RP3beta (1/2 + 1/2 against
      // 3 x 1/10) first
      await plantOrders(20, [
        ...Array.from({ length: 2 }, (_, i) => ({ customer: `cus_light${i}`, items: [fx.products.lamp, extra[0]] })),
        ...Array.from({ length: 3 }, (_, i) => ({
          customer: `cus_heavy${i}`,
          items: [fx.products.lamp, ...extra.slice(1, 10)],
        })),
      ])
      await service.rebuildAffinity()
      service.clearCache()
      const top = async () =>
        (
          (await api.get("/store/recommendations?placement=home&limit=10", buyer)).data.recommendations as {
            product_id: string
            trace: { source: string }
          }[]
        )[0]
      // no validation yet: the engine's default co-purchase scoring
      expect((await top()).product_id).not.toBe(extra[0].id)
      const params = { ...DEFAULT_SCORING, model: "rp3beta" as const, alpha: 0.5, beta: 0.5, diversity: 1 }
      await service.createRecommendationValidations({
        status: "succeeded",
        trigger: "api",
        chosen: "rp3beta:a0.5:b0.5:l1:d1:h90",
        params,
        reason: "test",
        started_at: new Date(),
        finished_at: new Date(),
      })
      service.clearCache()
      expect(await top()).toMatchObject({ product_id: extra[0].id, trace: { source: "co_purchase" } })
      // the chosen model's neighbour count is what the route reads: the lamp's top 5 by weight are
      // among extras 1-9 (3 customers each), so extra 0 (2 customers) is no longer a candidate
      await service.createRecommendationValidations({
        status: "succeeded",
        trigger: "api",
        chosen: "rp3beta:a0.5:b0.5:l1:d1:h90:n5",
        params: { ...params, neighbors: 5 },
        reason: "test",
        started_at: new Date(Date.now() + 1000),
        finished_at: new Date(Date.now() + 2000),
      })
      service.clearCache()
      expect((await top()).product_id).not.toBe(extra[0].id)
    })

    it("serves the co-purchase + RP3beta blend and the purchase-day decay exactly as validation scores them", async () => {
      // the buyer: the lamp (30 days ago) and the vase (200 days ago): two seeds of different ages;
      // the lamp's neighbours from light and heavy customers (as above), the vase's the mug
      await plantOrders(20, [
        ...Array.from({ length: 2 }, (_, i) => ({ customer: `cus_light${i}`, items: [fx.products.lamp, extra[0]] })),
        ...Array.from({ length: 3 }, (_, i) => ({
          customer: `cus_heavy${i}`,
          items: [fx.products.lamp, ...extra.slice(1, 10)],
        })),
      ])
      await plantOrders(200, [{ customer: fx.customers.buyer.id, items: [fx.products.vase] }])
      await service.rebuildAffinity()
      const expectedScores = async (scoring: ScoringOptions) => {
        const history = await service.getPurchaseHistory(fx.customers.buyer.id)
        const seeds = buildSeeds(capHistory(history, 50), [], new Date(), scoring)
        const { neighbors, item_counts } = await service.getNeighbors(seeds.map((x) => x.product_id))
        const scored = scoreCandidates(seeds, neighbors, item_counts, scoring)
        return new Map(scored.map((c) => [c.product_id, c.score / scored[0].score]))
      }
      const models = ["co_purchase:a0.15:l1:b0:h90:r0.5:ra0.5:rb0.5", "rp3beta:a0.5:b0.5:l1:d1:o5"].map((key) =>
        CANDIDATES.find((c) => c.key === key)!
      )
      const plain = await expectedScores(DEFAULT_SCORING)
      for (const [i, model] of models.entries()) {
        const params = model.scoring!
        expect(candidateKey(params)).toBe(model.key)
        await service.createRecommendationValidations({
          status: "succeeded",
          trigger: "api",
          chosen: model.key,
          params,
          reason: "test",
          started_at: new Date(Date.now() + 1000 * (i + 1)),
          finished_at: new Date(Date.now() + 1000 * (i + 2)),
        })
        service.clearCache()
        const recs = (await api.get("/store/recommendations?placement=home&limit=10", buyer)).data.recommendations as {
          product_id: string
          trace: { source: string; score: number }
        }[]
        const expected = await expectedScores(params)
        const served = recs.filter((r) => r.trace.source === "co_purchase")
        expect(served.length).toBeGreaterThan(3)
        // every listed candidate with the score the pure scorer gives it under the served model...
        for (const r of served) {
          expect(r.trace.score).toBeCloseTo(expected.get(r.product_id)!, 4)
        }
        // ... which the default scoring would not give
        expect(served.some((r) => Math.abs(plain.get(r.product_id)! - expected.get(r.product_id)!) > 0.01)).toBe(true)
      }
    })
  },
})
