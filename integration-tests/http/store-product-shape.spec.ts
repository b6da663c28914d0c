import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createTaxRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import RecommendationModuleService from "../../src/modules/recommendation/service"
import {
  plantRecommendationStore,
  recommendationCustomerHeaders,
  RecommendationFixture,
} from "../helpers/recommendation-fixtures"

jest.setTimeout(240 * 1000)

/**
 * Every key path of a JSON value ("variants[].calculated_price.calculated_amount"), so two
 * products compare by shape and not by values that legitimately differ (ids, dates).
 */
function shapeOf(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) {
    return [...new Set(value.flatMap((v) => shapeOf(v, `${path}[]`)))].sort()
  }
  if (value && typeof value === "object") {
    return Object.entries(value)
      .flatMap(([k, v]) => {
        const key = path ? `${path}.${k}` : k
        return [key, ...shapeOf(v, key)]
      })
      .sort()
  }
  return []
}

// `GET /store/recommendations` rebuilds the core product route's context and field defaults from
// public APIs (src/api/store/recommendations/store-product-context.ts, query-config.ts, copied from
// @medusajs/medusa 2.21.2). These fail when a Medusa release changes what `GET /store/products` returns.
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let fx: RecommendationFixture
    let pk: { headers: Record<string, string> }

    beforeEach(async () => {
      const container = getContainer()
      fx = await plantRecommendationStore(container)
      const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
      service.clearCache()
      await service.rebuildAffinity()
      await createTaxRegionsWorkflow(container).run({
        input: [
          {
            country_code: "gb",
            provider_id: "tp_system",
            default_tax_rate: { rate: 20, code: "VAT", name: "UK VAT" },
          },
        ],
      })
      pk = { headers: { "x-publishable-api-key": fx.publishableKey } }
    })

    /** The shade, as core `GET /store/products` and as a recommendation on the lamp's page, for one query. */
    async function both(query: string, headers = pk) {
      const suffix = query ? `&${query}` : ""
      const core = await api.get(`/store/products?id[]=${fx.products.shade.id}${suffix}`, headers)
      const ours = await api.get(
        `/store/recommendations?placement=product&product_id=${fx.products.lamp.id}${suffix}`,
        headers
      )
      const recommended = ours.data.products.find((p: { id: string }) => p.id === fx.products.shade.id)
      expect(core.data.products).toHaveLength(1)
      expect(recommended).toBeDefined()
      return { core: core.data.products[0], ours: recommended }
    }

    it("default fields: the same keys, to the last nested one, as GET /store/products", async () => {
      const { core, ours } = await both("")
      expect(shapeOf(core)).toContain("variants[].options[].value")
      expect(shapeOf(ours)).toEqual(shapeOf(core))
    })

    it("a region: the same calculated_price, key for key and value for value", async () => {
      const { core, ours } = await both(`region_id=${fx.regionId}`)
      expect(core.variants[0].calculated_price.calculated_amount).toBe(10)
      expect(shapeOf(ours)).toEqual(shapeOf(core))
      expect(ours.variants[0].calculated_price).toEqual(core.variants[0].calculated_price)
    })

    it("a region and a country with automatic taxes: the same amounts with and without tax", async () => {
      const { core, ours } = await both(`region_id=${fx.regionId}&country_code=gb&fields=*variants.calculated_price`)
      expect(core.variants[0].calculated_price.calculated_amount_with_tax).toBe(12)
      expect(shapeOf(ours)).toEqual(shapeOf(core))
      expect(ours.variants[0].calculated_price).toEqual(core.variants[0].calculated_price)
    })

    it("chosen fields with inventory quantity, for a logged-in customer: the same keys and prices", async () => {
      const customer = await recommendationCustomerHeaders(getContainer(), fx.customers.newcomer.id, fx.publishableKey)
      const fields = "fields=id,title,handle,*variants.calculated_price,+variants.inventory_quantity,*collection"
      const { core, ours } = await both(`region_id=${fx.regionId}&${fields}`, customer)
      expect(shapeOf(core)).toContain("variants[].calculated_price.currency_code")
      expect(shapeOf(ours)).toEqual(shapeOf(core))
      expect(ours.variants[0].calculated_price).toEqual(core.variants[0].calculated_price)
    })
  },
})
