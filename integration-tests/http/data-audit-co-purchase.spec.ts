import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import RecommendationModuleService from "../../src/modules/recommendation/service"
import { createAdminUser } from "../helpers/admin"
import {
  createPlainProducts,
  plantDatedOrders,
  plantRecommendationStore,
  RecommendationFixture,
} from "../helpers/recommendation-fixtures"

jest.setTimeout(240 * 1000)

const CHECK = "products.unpaired"

/**
 * The data audit's `products.unpaired`: the recommendation module counts its paired products with
 * each co-purchase pass, the audit workflow hands them to the check. The fixture store's 7 bought
 * products are all paired (lamp, shade, bulb, draft, offshore by 3 customers; vase and mug by 2).
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let fx: RecommendationFixture
    let service: RecommendationModuleService
    let admin: { headers: Record<string, string> }
    let loners: { id: string; variantId: string }[]

    beforeEach(async () => {
      const container = getContainer()
      fx = await plantRecommendationStore(container)
      service = container.resolve(RECOMMENDATION_MODULE)
      service.clearCache()
      loners = await createPlainProducts(container, fx, "Loner", "loner", 12)
      admin = (await createAdminUser(container, `admin-${Date.now()}@pairs.test`)).headers
    })

    /** 12 products each bought by one customer of their own, with nothing else: never paired. */
    const plantLoners = () =>
      plantDatedOrders(
        getContainer(),
        fx,
        15,
        loners.map((p, i) => ({ customer: `cus_loner${i}`, items: [p] }))
      )

    const audit = async () => {
      const started = await api.post("/admin/data-audit/runs", { check_ids: [CHECK] }, admin)
      const deadline = Date.now() + 120000
      for (;;) {
        const { data } = await api.get(`/admin/data-audit/runs/${started.data.audit_run.id}`, admin)
        const run = data.audit_run
        if (run.status === "completed" || run.status === "failed") {
          expect(run.status).toBe("completed")
          return run.findings.filter((f: { check_id: string }) => f.check_id === CHECK)
        }
        if (Date.now() > deadline) {
          throw new Error(`audit still ${run.status}`)
        }
        await new Promise((r) => setTimeout(r, 200))
      }
    }

    it("reports nothing before a co-purchase pass has counted", async () => {
      await plantLoners()
      expect(await audit()).toEqual([])
    })

    it("finds a store whose products are rarely bought together, with the counts, after the rebuild", async () => {
      await plantLoners()
      await service.rebuildAffinity()
      const findings = await audit()
      expect(findings).toHaveLength(1)
      const [f] = findings
      expect(f).toMatchObject({
        check_id: CHECK,
        title: "Products rarely bought together with another",
        area: "products",
        severity: "info",
        affected: 12,
        total: 19,
        blocks: { strategies: ["co_purchase"] },
      })
      expect(f.share).toBeCloseTo(12 / 19, 6)
      expect(f.details).toMatchObject({
        message:
          "Only 37% of products (7 of 19) were bought together with another by 2 or more customers, under 50%: too little co-purchase evidence, best sellers are likely to win.",
        products: 19,
        paired_products: 7,
        unpaired_products: 12,
        min_support: 2,
        pass: "full",
      })
    })

    it("does not find a store whose products are often bought together", async () => {
      await service.rebuildAffinity()
      const [f] = await audit()
      expect(f).toMatchObject({ check_id: CHECK, affected: 0, total: 7 })
      expect(f.details).toMatchObject({
        message:
          "100% of products (7 of 7) were bought together with another by 2 or more customers: enough co-purchase evidence.",
        products: 7,
        paired_products: 7,
        pass: "full",
      })
    })

    it("counts again with the nightly incremental pass: loners, then the same loners bought together", async () => {
      await service.rebuildAffinity()
      await plantLoners()
      expect((await service.refreshAffinity()).kind).toBe("incremental")
      const [few] = await audit()
      expect(few).toMatchObject({ affected: 12, total: 19 })
      expect(few.details).toMatchObject({ paired_products: 7, pass: "incremental" })

      // two more customers buy all twelve together: every product is paired now
      await plantDatedOrders(getContainer(), fx, 1, [
        { customer: "cus_together1", items: loners },
        { customer: "cus_together2", items: loners },
      ])
      expect((await service.refreshAffinity()).kind).toBe("incremental")
      const [enough] = await audit()
      expect(enough).toMatchObject({ affected: 0, total: 19 })
      expect(enough.details).toMatchObject({ paired_products: 19, pass: "incremental" })
    })
  },
})
