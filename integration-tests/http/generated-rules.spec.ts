import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminUser } from "../helpers/admin"
import { plantSegmentFixture } from "../helpers/segment-fixtures"
import { brokenTree, nest, ruleTree } from "../helpers/arbitraries"

jest.setTimeout(30 * 60 * 1000)

/** Rule trees generated through the HTTP routes: how many, and how often a valid one is also saved. */
const RUNS = Number(process.env.GENERATED_RULE_RUNS || 10_000)
const SAVE_EVERY = 40

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string>; validateStatus: () => boolean }

    beforeEach(async () => {
      const container = getContainer()
      admin = { ...(await createAdminUser(container)).headers, validateStatus: () => true }
      await plantSegmentFixture(container)
    })

    it(`${RUNS} generated rule trees: preview answers 200 or a 400 naming the path, never 500; a saved valid tree evaluates to the preview's count`, async () => {
      const seen = { ok: 0, refused: 0, saved: 0 }
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 3, arbitrary: ruleTree }, { weight: 1, arbitrary: brokenTree }),
          fc.constantFrom("gbp", "GBP", "eur"),
          fc.boolean(),
          async (rules, currency_code, include_guest_orders) => {
            const res = await api.post("/admin/segments/preview", { rules, currency_code, include_guest_orders }, admin)
            if (res.status === 400) {
              seen.refused++
              expect(res.data.message).toMatch(/rules/)
              return
            }
            expect({ status: res.status, message: res.data?.message }).toEqual({ status: 200, message: undefined })
            seen.ok++
            const { count, total_customers } = res.data.preview
            expect(Number.isInteger(count) && count >= 0 && count <= total_customers).toBe(true)
            if (seen.ok % SAVE_EVERY !== 1) {
              return
            }
            const created = await api.post(
              "/admin/segments",
              { name: `generated ${seen.ok}`, currency_code, include_guest_orders, rules },
              admin
            )
            expect(created.status).toBe(201)
            const evaluated = await api.post(`/admin/segments/${created.data.segment.id}/evaluate`, {}, admin)
            expect(evaluated.status).toBe(200)
            expect(evaluated.data.evaluation.member_count).toBe(count)
            seen.saved++
          }
        ),
        { numRuns: RUNS }
      )
      process.stdout.write(
        `generated rule trees: ${seen.ok} previewed, ${seen.refused} refused (400), ${seen.saved} saved and evaluated\n`
      )
      // both sides of the validator were exercised, and the equivalence was checked many times
      expect(seen.ok).toBeGreaterThan(RUNS / 10)
      expect(seen.refused).toBeGreaterThan(RUNS / 10)
      expect(seen.saved).toBeGreaterThan(RUNS / (SAVE_EVERY * 20))
    })

    it.each([
      [
        "a root group of 49 conditions",
        {
          type: "all",
          conditions: Array.from({ length: 49 }, (_, i) => ({
            type: "condition",
            attribute: "order_count",
            operator: "gte",
            value: i,
          })),
        },
        200,
      ],
      [
        "a root group of 100 conditions",
        {
          type: "any",
          conditions: Array.from({ length: 100 }, (_, i) => ({
            type: "condition",
            attribute: "total_spent",
            operator: "gt",
            value: i,
          })),
        },
        200,
      ],
      [
        "101 conditions",
        {
          type: "any",
          conditions: Array.from({ length: 101 }, () => ({
            type: "condition",
            attribute: "has_account",
            operator: "eq",
            value: true,
          })),
        },
        400,
      ],
      ["a tree 8 levels deep", nest(8), 200],
      ["a tree 9 levels deep", nest(9), 400],
      ["a tree 2,000 levels deep", nest(2000), 400],
      [
        "a date in year 0",
        { type: "condition", attribute: "first_order_date", operator: "gt", value: "0000-01-01" },
        400,
      ],
      [
        "a date in year 10000",
        { type: "condition", attribute: "last_order_date", operator: "lt", value: "+010000-01-01T00:00:00Z" },
        400,
      ],
      ["February 30th", { type: "condition", attribute: "created_at", operator: "eq", value: "2021-02-30" }, 400],
      ["a NUL in a value", { type: "condition", attribute: "email_domain", operator: "eq", value: "a\u0000b" }, 400],
      [
        "a lone surrogate in a value",
        { type: "condition", attribute: "email_domain", operator: "in", value: ["\ud800"] },
        400,
      ],
    ])("%s", async (_, rules, status) => {
      const res = await api.post("/admin/segments/preview", { rules, currency_code: "gbp" }, admin)
      expect(res.status).toBe(status)
      if (status === 400) {
        expect(res.data.message).toMatch(/rules/)
      }
      const saved = await api.post("/admin/segments", { name: `edge ${_}`, currency_code: "gbp", rules }, admin)
      expect(saved.status).toBe(status === 200 ? 201 : 400)
    })
  },
})
