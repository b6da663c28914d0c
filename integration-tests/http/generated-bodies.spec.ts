import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminUser } from "../helpers/admin"
import {
  plantRecommendationStore,
  recommendationCustomerHeaders,
  RecommendationFixture,
} from "../helpers/recommendation-fixtures"
import { oddDate, oddNumber, oddString, perturbed, validDate } from "../helpers/arbitraries"
import { AUDIT_CHECKS } from "../../src/modules/data_audit/checks"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import RecommendationModuleService from "../../src/modules/recommendation/service"

jest.setTimeout(30 * 60 * 1000)

const RUNS = Number(process.env.GENERATED_BODY_RUNS || 600)
const any = { validateStatus: () => true }

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let admin: Record<string, unknown>
    let fx: RecommendationFixture
    let pk: Record<string, unknown>
    let buyer: Record<string, unknown>

    beforeEach(async () => {
      const container = getContainer()
      admin = { ...(await createAdminUser(container)).headers, ...any }
      fx = await plantRecommendationStore(container)
      const recommendations = container.resolve(RECOMMENDATION_MODULE) as RecommendationModuleService
      recommendations.clearCache()
      await recommendations.rebuildAffinity()
      pk = { headers: { "x-publishable-api-key": fx.publishableKey }, ...any }
      buyer = { ...(await recommendationCustomerHeaders(container, fx.customers.buyer.id, fx.publishableKey)), ...any }
    })

    /** Every answer is one the caller can act on: success, or a 4xx that names what was wrong. */
    function expectHandled(res: { status: number; data: any }, allowed: number[]) {
      expect({ status: res.status, message: res.data?.message }).toEqual(
        allowed.includes(res.status)
          ? { status: res.status, message: res.data?.message }
          : { status: "one of " + allowed, message: "" }
      )
      if (res.status === 400) {
        expect(typeof res.data.message).toBe("string")
        expect(res.data.message.length).toBeGreaterThan(0)
      }
    }

    it(`${RUNS} generated objective bodies: 201 or 400, never 500`, async () => {
      const statuses = new Set<number>()
      await fc.assert(
        fc.asyncProperty(
          perturbed(
            {
              name: fc.string({ minLength: 1, maxLength: 30 }),
              metric: fc.constantFrom(
                "conversion_rate",
                "average_order_value",
                "repeat_purchase_rate",
                "revenue_per_customer",
                "customer_lifetime_value"
              ),
              holdout_share: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
              target: oddNumber,
              deadline: validDate,
              metric_window_days: fc.integer({ min: 1, max: 3650 }),
              currency_code: fc.constantFrom("gbp", "EUR"),
              status: fc.constantFrom("draft", "active", "abandoned"),
              reason: fc.string({ maxLength: 40 }),
            },
            {
              deadline: oddDate,
              holdout_share: fc.oneof(oddNumber, fc.double({ min: -1, max: 2, noNaN: true })),
              metric_window_days: fc.integer({ min: -5, max: 5000 }),
              currency_code: fc.constantFrom("xx", "gbpx", ""),
              reason: oddString,
            }
          ),
          // a baseline window is given whole: a valid one (start before end), none, or odd bounds
          fc.oneof(
            { weight: 3, arbitrary: fc.tuple(validDate, validDate).map(([a, b]) => (a < b ? [a, b] : [b, a])) },
            { weight: 2, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.tuple(oddDate, fc.option(oddDate, { nil: undefined })) }
          ),
          async (fields, window) => {
            const body = window
              ? { ...fields, baseline_window_start: window[0], baseline_window_end: window[1] }
              : fields
            const res = await api.post("/admin/objectives", body, admin)
            statuses.add(res.status)
            expectHandled(res, [201, 400])
          }
        ),
        { numRuns: RUNS }
      )
      expect([...statuses].sort()).toEqual([201, 400])
    })

    it(`${RUNS} generated recommendation rule bodies and objective links: 2xx or 400, never 500`, async () => {
      const objective = (await api.post("/admin/objectives", { name: "Links", metric: "conversion_rate" }, admin)).data
        .objective
      const statuses = new Set<number>()
      await fc.assert(
        fc.asyncProperty(
          perturbed(
            {
              name: fc.string({ minLength: 1, maxLength: 30 }),
              action: fc.constantFrom("boost", "bury", "pin", "exclude"),
              target_type: fc.constantFrom("product", "category", "collection", "tag"),
              target_id: fc.constant(fx.products.lamp.id),
              weight: fc.double({ min: 0, max: 100, noNaN: true }),
              objective_id: fc.constantFrom(objective.id, null),
              status: fc.constantFrom("draft", "active"),
            },
            {
              target_id: fc.constantFrom("prod_missing", "a\u0000b", "x".repeat(101)),
              objective_id: fc.constantFrom("obj_missing", "", 7),
              weight: oddNumber,
            }
          ),
          fc.array(fc.oneof(oddString, fc.constant("seg_missing")), { maxLength: 3 }),
          async (body, segmentIds) => {
            const res = await api.post("/admin/recommendations/rules", body, admin)
            statuses.add(res.status)
            expectHandled(res, [201, 400, 404])
            const links = await api.post(
              `/admin/objectives/${objective.id}/links`,
              { segment_ids: { add: segmentIds } },
              admin
            )
            expectHandled(links, segmentIds.length ? [400] : [200])
          }
        ),
        { numRuns: RUNS }
      )
      expect(statuses.has(201) && statuses.has(400)).toBe(true)
    })

    it(`${Math.ceil(RUNS / 4)} generated repurchase-window bodies: 200, 400 or 404, never 500`, async () => {
      const statuses = new Set<number>()
      const window = perturbed(
        {
          product_id: fc.constantFrom(fx.products.mug.id, fx.products.vase.id),
          repurchase_window_days: fc.integer({ min: 1, max: 3650 }),
        },
        {
          product_id: fc.constantFrom("prod_missing", "", "a\u0000b", "x".repeat(101)),
          repurchase_window_days: fc.constantFrom(0, -1, 3651, 1.5, "30"),
        }
      )
      const [category] = await getContainer()
        .resolve(Modules.PRODUCT)
        .createProductCategories([{ name: "Generated windows", handle: `generated-windows-${Date.now()}` }])
      const categoryWindow = perturbed(
        {
          category_id: fc.constantFrom(category.id),
          repurchase_window_days: fc.integer({ min: 1, max: 3650 }),
        },
        {
          category_id: fc.constantFrom("pcat_missing", "", "a\u0000b", "x".repeat(101)),
          repurchase_window_days: fc.constantFrom(0, -1, 3651, 1.5, "30"),
        }
      )
      await fc.assert(
        fc.asyncProperty(
          perturbed(
            {
              windows: fc.array(window, { minLength: 1, maxLength: 3 }),
              category_windows: fc.array(categoryWindow, { minLength: 1, maxLength: 2 }),
            },
            { windows: fc.constant([]), category_windows: fc.constant([]) }
          ),
          async (body) => {
            const res = await api.post("/admin/recommendations/repurchase-windows", body, admin)
            statuses.add(res.status)
            expectHandled(res, [200, 400, 404])
          }
        ),
        { numRuns: Math.ceil(RUNS / 4) }
      )
      expect(statuses.has(200) && statuses.has(400)).toBe(true)
    })

    it("generated audit-run bodies: 202 or 400, never 500; prototype names are unknown checks", async () => {
      const ids = AUDIT_CHECKS.map((c) => c.id)
      await fc.assert(
        fc.asyncProperty(
          perturbed({
            stale_days: fc.integer({ min: -5, max: 5000 }),
            sample_size: fc.integer({ min: -1, max: 30 }),
            check_ids: fc.array(fc.constantFrom(...ids, "__proto__", "constructor", "toString", "hasOwnProperty"), {
              minLength: 1,
              maxLength: 3,
            }),
          }),
          async (body) => {
            // runs started here would all compete for the database: only validate (a bad body never starts one)
            const known = (x: unknown) => Array.isArray(x) && x.every((id) => ids.includes(id as string))
            if (body.check_ids === undefined || known(body.check_ids)) return
            const res = await api.post("/admin/data-audit/runs", body, admin)
            expectHandled(res, [202, 400])
          }
        ),
        { numRuns: Math.min(RUNS, 300) }
      )
      for (const id of ["__proto__", "constructor", "toString"]) {
        const res = await api.get(`/admin/data-audit/checks/${id}/trend`, admin)
        expect(res.status).toBe(404)
      }
      const proto = await api.post("/admin/data-audit/runs", { check_ids: ["__proto__"] }, admin)
      expect(proto.status).toBe(400)
      expect(proto.data.message).toMatch(/check_ids/)
    })

    it("URLs with NUL, lone surrogates and bad percent-encoding: 400 naming the field, never 500", async () => {
      const urls: [string, Record<string, unknown>][] = [
        [`/store/recommendations?placement=product&product_id=a%00b`, pk],
        [`/store/recommendations?placement=home&region_id=%00`, buyer],
        [`/store/objectives/groups?x=%00`, buyer],
        [`/store/customers/me/segments?q=%00`, buyer],
        [`/admin/segments/a%00b`, admin],
        [`/admin/segments?q=%00`, admin],
        [`/admin/objectives/obj%00`, admin],
        [`/admin/recommendations/frequently-bought/%E0%A4%A`, admin],
        [`/admin/data-audit/checks/x%00/trend`, admin],
        [`/admin/decision-log?entity_id=%00`, admin],
      ]
      for (const [url, headers] of urls) {
        const res = await api.get(url, headers)
        expect([url, res.status]).toEqual([url, 400])
        expect(res.data.message).toMatch(/query|path/)
      }
      // a query value that is not valid UTF-8 stays as typed (Express keeps the raw text): no such product
      const raw = await api.get(`/store/recommendations?placement=product&product_id=%ED%A0%80`, pk)
      expect([raw.status, raw.data.message]).toEqual([404, "Product with id: %ED%A0%80 was not found"])
      const body = await api.post(
        "/admin/segments",
        { name: "x\u0000", currency_code: "gbp", rules: { type: "all", conditions: [] } },
        admin
      )
      expect([body.status, body.data.message]).toEqual([400, expect.stringMatching(/body\.name/)])
      // sent as text: a client-side copy of the object would drop the own "__proto__" key
      const key = await api.post(
        "/admin/objectives",
        `{"name":"p","metric":"conversion_rate","metadata":{"__proto__":{"x":1}}}`,
        {
          ...admin,
          headers: { ...(admin.headers as Record<string, string>), "content-type": "application/json" },
        }
      )
      expect([key.status, key.data.message]).toEqual([400, expect.stringMatching(/body\.metadata/)])
    })

    describe("recommendation events", () => {
      const served = async (headers: Record<string, unknown>) => {
        const res = await api.get("/store/recommendations?placement=home&limit=4", headers)
        expect({ status: res.status, message: res.data.message }).toEqual({ status: 200, message: undefined })
        return res.data
      }

      it(`${RUNS} generated event bodies: 2xx, 400 or 429, never 500`, async () => {
        const list = await served(buyer)
        await fc.assert(
          fc.asyncProperty(
            perturbed({
              type: fc.constantFrom("impression", "click"),
              recommendation_id: fc.constantFrom(list.recommendation_id, "rec_missing", "rec_" + "x".repeat(200)),
              product_id: fc.constantFrom(
                ...list.products.map((p: any) => p.id),
                fx.products.plate.id,
                "x".repeat(90000)
              ),
              placement: fc.constantFrom("home", "cart"),
              experiment_group: fc.constantFrom("treatment", "holdout", null),
            }),
            async (body) => {
              const res = await api.post("/store/recommendations/events", body, buyer)
              expectHandled(res, [200, 201, 400, 429])
            }
          ),
          { numRuns: RUNS }
        )
      })

      it("accepts an event only for a served product, from its visitor, once, with the server's group", async () => {
        const list = await served(buyer)
        const product_id = list.products[0].id
        const base = { type: "click", recommendation_id: list.recommendation_id, product_id }
        const first = await api.post("/store/recommendations/events", base, buyer)
        expect(first.status).toBe(201)
        expect(first.data.event).toMatchObject({
          customer_id: fx.customers.buyer.id,
          objective_id: list.experiment.objective_id,
          experiment_group: list.experiment.group,
          placement: "home",
        })
        const again = await api.post("/store/recommendations/events", base, buyer)
        expect([again.status, again.data.duplicate, again.data.event.id]).toEqual([200, true, first.data.event.id])

        const refused = async (body: Record<string, unknown>, headers: Record<string, unknown>, path: RegExp) => {
          const res = await api.post("/store/recommendations/events", body, headers)
          expect([res.status, res.data.message]).toEqual([400, expect.stringMatching(path)])
        }
        await refused(
          { ...base, recommendation_id: "rec_01NEVERSERVED" },
          buyer,
          /recommendation_id: no recommendation/
        )
        await refused(
          { ...base, product_id: fx.products.plate.id },
          buyer,
          /product_id: was not in this recommendation/
        )
        await refused(
          {
            ...base,
            type: "impression",
            experiment_group: list.experiment.group === "holdout" ? "treatment" : "holdout",
          },
          buyer,
          /experiment_group/
        )
        await refused({ ...base, type: "impression", cart_id: "cart_someone_else" }, buyer, /cart_id/)
        // a list served to a logged-in customer takes no events from anyone else
        await refused({ ...base, type: "impression" }, pk, /served to another visitor/)
        const huge = await api.post("/store/recommendations/events", { ...base, product_id: "p".repeat(90000) }, buyer)
        expect([huge.status, huge.data.message]).toEqual([400, expect.stringMatching(/product_id/)])

        // an anonymous list: any holder of its id may report on it, once per product and type
        const anon = await served(pk)
        const a = await api.post(
          "/store/recommendations/events",
          { type: "impression", recommendation_id: anon.recommendation_id, product_id: anon.products[0].id },
          pk
        )
        expect(a.status).toBe(201)
        expect(a.data.event).toMatchObject({ customer_id: null, experiment_group: null })
      })

      it("limits events per visitor per minute (429), counted in the database", async () => {
        const statuses: number[] = []
        for (let i = 0; i < 6; i++) {
          const list = await served(buyer)
          for (const p of list.products) {
            for (const type of ["impression", "click"]) {
              statuses.push(
                (
                  await api.post(
                    "/store/recommendations/events",
                    { type, recommendation_id: list.recommendation_id, product_id: p.id },
                    buyer
                  )
                ).status
              )
            }
          }
        }
        // the module default is 120 a minute: these 48 pass, then a flood is cut
        expect(statuses.every((s) => s === 201)).toBe(true)
        const knex = getContainer().resolve("__pg_connection__") as any
        await knex.raw(
          `insert into recommendation_event (id, type, recommendation_id, product_id, visitor_key, created_at, updated_at)
           select 'recevt_flood' || g, 'impression', 'rec_flood' || g, 'p', ?, now(), now() from generate_series(1, 120) g`,
          [fx.customers.buyer.id]
        )
        const list = await served(buyer)
        const limited = await api.post(
          "/store/recommendations/events",
          { type: "click", recommendation_id: list.recommendation_id, product_id: list.products[0].id },
          buyer
        )
        expect([limited.status, limited.headers["retry-after"]]).toEqual([429, "60"])
      })
    })
  },
})
