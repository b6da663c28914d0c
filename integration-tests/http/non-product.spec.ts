import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import fc from "fast-check"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import RecommendationModuleService from "../../src/modules/recommendation/service"
import { validationPurchases } from "../../src/modules/recommendation/repositories/validation"
import {
  isNonProductLine,
  NON_PRODUCT_CODES,
  NON_PRODUCT_TITLES,
  nonProductFlagSql,
  nonProductLineSql,
} from "../../src/utils/non-product"
import {
  createPlainProducts,
  plantDatedOrders,
  plantRecommendationStore,
  recommendationCustomerHeaders,
} from "../helpers/recommendation-fixtures"

jest.setTimeout(240 * 1000)

type GeneratedLine = {
  variant_sku: string | null
  stock_code: string | null
  title: string | null
  non_product: unknown
}

const spaced = (s: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom("", " ", "  ", "\t"), s, fc.constantFrom("", " ", "\t")).map(([a, b, c]) => a + b + c)
const anyCase = (words: string[]) =>
  fc.tuple(fc.constantFrom(...words), fc.boolean()).map(([w, lower]) => (lower ? w.toLowerCase() : w))
const code = fc.oneof(
  spaced(anyCase(NON_PRODUCT_CODES)),
  spaced(fc.string({ maxLength: 6 }).map((s) => `gift_${s}`)),
  spaced(fc.string({ maxLength: 6 }).map((s) => `GIFT_${s}`)),
  fc.constantFrom("POSTCARD", "85123A", "giftbox", "gift", "gift-1", "D1", "%", "_", "\\"),
  fc.string({ maxLength: 8 })
)
const title = fc.oneof(spaced(anyCase(NON_PRODUCT_TITLES)), fc.string({ maxLength: 12 }))
const generatedLine: fc.Arbitrary<GeneratedLine> = fc.record({
  variant_sku: fc.option(code, { nil: null }),
  stock_code: fc.option(code, { nil: null }),
  title: fc.option(title, { nil: null }),
  non_product: fc.constantFrom(undefined, true, "true", false, "false", "yes", 1),
})

/** The line's code as `lineCodeSql` reads it: its SKU (spaces trimmed) unless blank, else metadata.stock_code. */
const lineCode = (l: GeneratedLine) => (l.variant_sku?.replace(/^ +| +$/g, "") || null) ?? l.stock_code ?? ""

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    it("the SQL heuristic and the in-memory one classify every generated line alike", async () => {
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await fc.assert(
        fc.asyncProperty(fc.array(generatedLine, { minLength: 1, maxLength: 30 }), async (lines) => {
          const rows = lines.map((l, i) => ({
            i,
            variant_sku: l.variant_sku,
            title: l.title,
            metadata: l.stock_code === null ? null : { stock_code: l.stock_code },
            product_metadata: l.non_product === undefined ? null : { non_product: l.non_product },
          }))
          const { rows: got } = await knex.raw(
            `select li.i, (${nonProductLineSql("li")} or ${nonProductFlagSql("p")}) as non_product
               from jsonb_to_recordset(?::jsonb) as li(i int, variant_sku text, title text, metadata jsonb,
                                                    product_metadata jsonb)
               cross join lateral (select li.product_metadata as metadata) p
              order by li.i`,
            [JSON.stringify(rows)]
          )
          const expected = lines.map((l) =>
            isNonProductLine({
              code: lineCode(l),
              title: l.title,
              product_metadata: l.non_product === undefined ? null : { non_product: l.non_product },
            })
          )
          expect(got.map((r: { non_product: boolean }) => r.non_product)).toEqual(expected)
        }),
        { numRuns: 150 }
      )
    })

    it("postage, fees and flagged products are never counted, seeded or recommended, and validation never reads them", async () => {
      const container = getContainer()
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const fx = await plantRecommendationStore(container)
      const goods = await createPlainProducts(container, fx, "Goods", "goods", 4)
      const [postage] = await createPlainProducts(container, fx, "Postage", "postage", 1)
      const [flagged] = await createPlainProducts(container, fx, "Sample box", "sample-box", 1)
      // the importer's shape: the line's code is its variant SKU; the merchant flags the sample box
      await knex.raw(`update product_variant set sku = 'POST' where id = ?`, [postage.variantId])
      await container.resolve(Modules.PRODUCT).updateProducts(flagged.id, { metadata: { non_product: true } })
      // postage and the sample box are in every order: the most bought "products" of the store
      const orders = Array.from({ length: 12 }, (_, i) => ({
        customer: `cus_np_${i}`,
        items: [goods[i % 2], goods[2 + (i % 2)], postage, flagged],
      }))
      await plantDatedOrders(container, fx, 20, orders)
      const customer = (await container.resolve(Modules.CUSTOMER).createCustomers([{ email: "np@rec.test" }]))[0]
      await plantDatedOrders(container, fx, 5, [{ customer: customer.id, items: [goods[0], postage, flagged] }])
      await knex.raw(`update order_line_item set variant_sku = 'POST' where product_id = ?`, [postage.id])

      const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
      service.clearCache()
      await service.rebuildAffinity()
      const excluded = [postage.id, flagged.id]

      const { rows: pairs } = await knex.raw(
        `select count(*)::int as n from product_affinity
          where (product_id = any(?) or related_product_id = any(?)) and deleted_at is null`,
        [excluded, excluded]
      )
      expect(pairs[0].n).toBe(0)
      const goodsPairs = await knex.raw(
        `select count(*)::int as n from product_affinity where product_id = ? and related_product_id = ?`,
        [goods[0].id, goods[2].id]
      )
      expect(goodsPairs.rows[0].n).toBe(1)

      expect((await service.getPurchaseHistory(customer.id)).map((h) => h.product_id)).toEqual([goods[0].id])
      const purchases = await validationPurchases(knex)
      expect(purchases.filter((p) => excluded.includes(p.product_id))).toEqual([])
      expect(purchases.length).toBeGreaterThan(0)

      const headers = await recommendationCustomerHeaders(container, customer.id, fx.publishableKey)
      const pk = { headers: { "x-publishable-api-key": fx.publishableKey } }
      for (const [url, h] of [
        ["/store/recommendations?placement=home&limit=20", headers],
        ["/store/recommendations?placement=home&limit=20", pk],
        [`/store/recommendations?placement=product&product_id=${goods[1].id}&limit=20`, pk],
      ] as const) {
        const res = await api.get(url, h)
        const ids = res.data.products.map((p: { id: string }) => p.id)
        expect(ids.length).toBeGreaterThan(0)
        expect(ids.filter((id: string) => excluded.includes(id))).toEqual([])
      }
      // the logged-in customer's co-purchase list: goods bought with goods[0], not postage
      const mine = await api.get("/store/recommendations?placement=home&limit=20", headers)
      expect(mine.data.products.map((p: { id: string }) => p.id)).toContain(goods[2].id)
    })
  },
})
