import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createAdminUser } from "../helpers/admin"
import { EXPECTED, monthsBetween, plantAuditFixtures } from "../helpers/data-audit-fixtures"
import { runDataAuditWorkflow } from "../../src/workflows/data-audit/run-data-audit"
import { startDataAudit } from "../../src/workflows/data-audit/start-data-audit"
import { DATA_AUDIT_MODULE } from "../../src/modules/data_audit"
import dataAuditJob, { config as jobConfig } from "../../src/jobs/data-audit"
import { AUDIT_CHECKS } from "../../src/modules/data_audit/checks"
import { FindingInput, runChecks } from "../../src/modules/data_audit/checks/runner"
import { findingDifferences } from "../../src/modules/data_audit/utils/finding-diff"

// A hook handler that fails on demand, to exercise the run step's compensation.
let failHook = false
runDataAuditWorkflow.hooks.auditCompleted(async () => {
  if (failHook) {
    throw new Error("hook failed on purpose")
  }
})

jest.setTimeout(240 * 1000)

const DAY = 86400000

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, unknown>

    beforeEach(async () => {
      headers = (await createAdminUser(getContainer())).headers
    })

    const waitForRun = async (id: string) => {
      const deadline = Date.now() + 120000
      for (;;) {
        const { data } = await api.get(`/admin/data-audit/runs/${id}`, headers)
        if (data.audit_run.status === "completed" || data.audit_run.status === "failed") {
          return data.audit_run
        }
        if (Date.now() > deadline) {
          throw new Error(`run ${id} still ${data.audit_run.status}`)
        }
        await new Promise((r) => setTimeout(r, 200))
      }
    }

    describe("data audit on planted gaps", () => {
      it("finds every planted gap with exact counts, stores the run and answers the admin API", async () => {
        const container = getContainer()
        const fx = await plantAuditFixtures(container)
        const segmentService = container.resolve("segment") as any
        const [segment] = await segmentService.createSegments([
          {
            name: "GB high AOV",
            handle: "gb-high-aov",
            status: "active",
            rules: {
              type: "all",
              conditions: [
                { type: "condition", attribute: "average_order_value", operator: "gte", value: 10 },
                { type: "condition", attribute: "address_country", operator: "in", value: ["GB"] },
                { type: "condition", attribute: "order_count", operator: "gte", value: 1 },
              ],
            },
          },
        ])
        const objectiveService = container.resolve("objective") as any
        const [aov, conversion] = await objectiveService.createObjectives([
          { name: "Raise AOV", metric: "average_order_value" },
          { name: "Convert more", metric: "conversion_rate" },
        ])

        const started = await api.post("/admin/data-audit/runs", {}, headers)
        expect(started.status).toEqual(202)
        expect(started.data.audit_run).toEqual(expect.objectContaining({ status: "pending", trigger: "admin" }))

        const run = await waitForRun(started.data.audit_run.id)
        expect(run.status).toEqual("completed")
        expect(run.progress).toEqual(1)
        expect(run.checks_done).toEqual(run.checks_total)
        const byCheck = (id: string, subject?: string) =>
          run.findings.find((f: any) => f.check_id === id && (!subject || f.subject_id === subject))

        for (const [checkId, want] of Object.entries(EXPECTED)) {
          const f = byCheck(checkId)
          expect({ checkId, affected: f?.affected, total: f?.total }).toEqual({ checkId, ...want })
          expect(f.share).toBeCloseTo(want.total ? want.affected / want.total : 0, 5)
          expect(f.sample_ids.length).toEqual(
            Math.min(20, checkId.startsWith("orders.") ? f.sample_ids.length : want.affected)
          )
          expect(f.remediation).toEqual(expect.any(String))
        }

        // Samples point at the planted records.
        const guest = byCheck("customers.guest_orders")
        expect(guest.sample_ids.sort()).toEqual(
          [fx.orders[2].id, fx.orders[3].id, fx.orders[4].id, fx.orders[6].id].sort()
        )
        expect(guest.details.revenue).toEqual({
          gbp: { guest: 23, total: 61, share: 23 / 61 },
          eur: { guest: 2, total: 2, share: 1 },
        })
        expect(byCheck("customers.orphaned_guest_history").details.customers).toEqual(1)
        expect(byCheck("customers.orphaned_guest_history").sample_ids.sort()).toEqual(
          [fx.orders[3].id, fx.orders[4].id].sort()
        )
        expect(byCheck("customers.missing_email").sample_ids).toEqual([fx.customers[2].id])
        expect(byCheck("orders.canceled").sample_ids).toEqual([fx.orders[5].id])
        expect(byCheck("orders.canceled").details.lines).toEqual(1)
        expect(byCheck("orders.non_product_lines").sample_ids.sort()).toEqual([fx.orders[0].id, fx.orders[6].id].sort())
        expect(byCheck("orders.currency_mix").details).toEqual(
          expect.objectContaining({ main_currency: "gbp", currencies: { gbp: 6, eur: 1 } })
        )
        expect(byCheck("products.duplicate_title").details.groups).toEqual(1)
        expect(byCheck("products.no_price").sample_ids).toEqual([fx.products["mug-2"].id])
        expect(byCheck("products.unusable_by_strategies").sample_ids.sort()).toEqual(
          [fx.products["mug-2"].id, fx.products["sc-85123x"].id].sort()
        )
        expect(byCheck("products.unusable_by_strategies").details.by_strategy).toEqual({
          co_purchase: 3,
          fallback_store: 3,
          fallback_category: 4,
          rule_collection: 5,
          rule_tag: 5,
        })

        // Coverage: orders now and 400 days ago; every month in between is empty.
        const span = byCheck("coverage.history_span")
        expect(span.details.span_days).toBeGreaterThanOrEqual(399)
        const months = monthsBetween(new Date(Date.now() - 400 * DAY), new Date())
        expect(byCheck("coverage.empty_months")).toEqual(
          expect.objectContaining({ affected: months - 2, total: months })
        )
        expect(byCheck("coverage.read_model_freshness")).toEqual(
          expect.objectContaining({ affected: 1, total: 1, sample_ids: ["segment"] })
        )

        // Readiness: AOV needs orders (c3, c4, c6 have none), country needs an address (c2, c4, c5, c6).
        const seg = byCheck("readiness.segment_attributes", segment.id)
        expect(seg).toEqual(expect.objectContaining({ affected: 5, total: 6, subject_label: "GB high AOV" }))
        expect(seg.details.attributes).toEqual([
          { attribute: "address_country", gap: "missing_address", missing: 4 },
          { attribute: "average_order_value", gap: "no_orders", missing: 3 },
          { attribute: "order_count", gap: null, missing: 0 },
        ])
        expect(seg.blocks.segment_attributes).toEqual(["address_country", "average_order_value"])
        expect(seg.sample_ids.sort()).toEqual(
          fx.customers
            .slice(1)
            .map((c) => c.id)
            .sort()
        )
        expect(byCheck("readiness.objective_metrics", aov.id)).toEqual(
          expect.objectContaining({ affected: 0, total: 1 })
        )
        const conv = byCheck("readiness.objective_metrics", conversion.id)
        expect(conv).toEqual(expect.objectContaining({ affected: 1, total: 1 }))
        expect(conv.blocks.objective_metrics).toEqual(["conversion_rate"])

        expect(run.score).toEqual(expect.any(Number))
        expect(run.score).toBeGreaterThan(0)
        expect(run.score).toBeLessThan(100)
        expect(Object.keys(run.area_scores).sort()).toEqual([
          "coverage",
          "customers",
          "orders",
          "products",
          "readiness",
        ])

        // The per-table scans and the previous per-check queries (kept for bench:audit) agree on
        // every finding: counts, totals, details and samples.
        const subjects = {
          segments: [{ id: segment.id, name: segment.name, rules: segment.rules }],
          objectives: [aov, conversion].map((o: any) => ({ id: o.id, name: o.name, metric: o.metric })),
        }
        const findingsOf = async (implementation: "scans" | "previous") => {
          const out: FindingInput[] = []
          await runChecks(
            container.resolve(ContainerRegistrationKeys.PG_CONNECTION),
            AUDIT_CHECKS,
            { stale_days: 365, sample_size: 20, now: new Date(run.started_at), subjects, implementation },
            async (_c, fs) => void out.push(...fs)
          )
          return out
        }
        const [scans, previous] = [await findingsOf("scans"), await findingsOf("previous")]
        expect(scans.map((f) => f.check_id)).toEqual(expect.arrayContaining(Object.keys(EXPECTED)))
        expect(findingDifferences(previous, scans)).toEqual([])

        // Filters on the run detail.
        const { data: high } = await api.get(`/admin/data-audit/runs/${run.id}?severity=high`, headers)
        expect(high.audit_run.findings.length).toBeGreaterThan(0)
        expect(high.audit_run.findings.every((f: any) => f.severity === "high")).toBe(true)

        // A second run: list and trend per check.
        const second = await api.post("/admin/data-audit/runs", { check_ids: ["customers.guest_orders"] }, headers)
        const secondRun = await waitForRun(second.data.audit_run.id)
        expect(secondRun.findings.map((f: any) => f.check_id)).toEqual(["customers.guest_orders"])
        const { data: list } = await api.get("/admin/data-audit/runs?limit=1", headers)
        expect(list).toEqual(expect.objectContaining({ count: 2, limit: 1, offset: 0 }))
        expect(list.audit_runs[0].id).toEqual(secondRun.id)
        const { data: trend } = await api.get("/admin/data-audit/checks/customers.guest_orders/trend", headers)
        expect(trend.trend.map((t: any) => [t.run_id, t.affected, t.total])).toEqual([
          [run.id, 4, 7],
          [secondRun.id, 4, 7],
        ])

        // Product gaps widget endpoint.
        const { data: bare } = await api.get(`/admin/data-audit/products/${fx.products["bare-vase"].id}/gaps`, headers)
        expect(bare.gaps.map((g: any) => g.check_id).sort()).toEqual(
          [
            "products.no_category",
            "products.no_collection",
            "products.no_description",
            "products.no_images",
            "products.no_tags",
            "products.no_type",
          ].sort()
        )
        const { data: full } = await api.get(`/admin/data-audit/products/${fx.products["full-lamp"].id}/gaps`, headers)
        expect(full.gaps).toEqual([])
      })

      it("never counts a product flagged non_product (postage the importer drafts) as one no strategy can use", async () => {
        const productModule = getContainer().resolve(Modules.PRODUCT) as any
        const [postage, unlisted] = await productModule.createProducts([
          { title: "POSTAGE", handle: "sc-post", status: "draft", metadata: { stock_code: "POST", non_product: true } },
          { title: "Unlisted vase", handle: "unlisted-vase", status: "draft" },
        ])
        const started = await api.post("/admin/data-audit/runs", {}, headers)
        const run = await waitForRun(started.data.audit_run.id)
        const unusable = run.findings.find((f: any) => f.check_id === "products.unusable_by_strategies")
        expect(unusable.sample_ids).toContain(unlisted.id)
        expect(unusable.sample_ids).not.toContain(postage.id)
        const gaps = async (id: string) =>
          (await api.get(`/admin/data-audit/products/${id}/gaps`, headers)).data.gaps.map((g: any) => g.check_id)
        expect(await gaps(postage.id)).not.toContain("products.unusable_by_strategies")
        expect(await gaps(unlisted.id)).toContain("products.unusable_by_strategies")
      })
    })

    describe("repurchase cycles", () => {
      it("flags a product re-bought on a cycle without a window, with its proposed window", async () => {
        const container = getContainer()
        const productModule = container.resolve(Modules.PRODUCT) as any
        const customerModule = container.resolve(Modules.CUSTOMER) as any
        const orderModule = container.resolve(Modules.ORDER) as any
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const products = await productModule.createProducts([
          { title: "Coffee beans", handle: "coffee", status: "published" },
          { title: "Vase", handle: "vase", status: "published" },
          { title: "Tea", handle: "tea", status: "published", metadata: { repurchase_window_days: 28 } },
          // re-bought with the coffee, but not goods: postage by its title, gift wrap by the merchant's flag
          { title: "Postage", handle: "postage", status: "published" },
          { title: "Gift wrap", handle: "gift-wrap", status: "published", metadata: { non_product: true } },
        ])
        const p = Object.fromEntries(products.map((x: any) => [x.handle, x]))
        const line = (handle: string) => ({
          title: p[handle].title,
          product_id: p[handle].id,
          quantity: 1,
          unit_price: 5,
        })
        const customers = await customerModule.createCustomers(
          Array.from({ length: 30 }, (_, i) => ({ email: `buyer${i}@x.test`, has_account: true }))
        )
        // Everyone buys all three 61 days ago (coffee on two lines: one purchase); ten customers buy
        // coffee and tea again 31 and 1 days ago (20 intervals of 30 days); one more re-buy is canceled.
        const order = (i: number, day: number, items: unknown[]) => ({
          customer_id: customers[i].id,
          email: customers[i].email,
          currency_code: "gbp",
          metadata: { day },
          items,
        })
        const inputs = [
          ...customers.map((_c: any, i: number) =>
            order(i, 61, [
              line("coffee"),
              line("coffee"),
              line("vase"),
              line("tea"),
              line("postage"),
              line("gift-wrap"),
            ])
          ),
          ...customers
            .slice(0, 10)
            .flatMap((_c: any, i: number) =>
              [31, 1].map((day) => order(i, day, [line("coffee"), line("tea"), line("postage"), line("gift-wrap")]))
            ),
        ]
        await orderModule.createOrders(inputs)
        const [canceled] = await orderModule.createOrders([order(10, 31, [line("coffee")])])
        await orderModule.cancel(canceled.id)
        await knex.raw(
          `update "order" set created_at = now() - ((metadata->>'day')::int * interval '1 day') where metadata ? 'day'`
        )

        const started = await api.post("/admin/data-audit/runs", { check_ids: ["products.repurchase_cycles"] }, headers)
        const run = await waitForRun(started.data.audit_run.id)
        expect(run.status).toEqual("completed")
        expect(run.findings).toHaveLength(1)
        const [f] = run.findings
        expect(f).toEqual(
          expect.objectContaining({
            check_id: "products.repurchase_cycles",
            affected: 1,
            total: 3,
            sample_ids: [p.coffee.id],
          })
        )
        expect(f.details.products).toEqual([
          {
            product_id: p.coffee.id,
            title: "Coffee beans",
            buyers: 30,
            rebuyers: 10,
            intervals: 20,
            median_interval_days: 30,
            rebuy_share: 10 / 30,
            proposed_window_days: 30,
          },
        ])
      })
    })

    describe("compensation", () => {
      it("marks the run failed and removes its findings when a step after the checks fails", async () => {
        const container = getContainer()
        failHook = true
        const e = await startDataAudit(container, {
          trigger: "api",
          wait: true,
          options: { check_ids: ["orders.canceled", "customers.guest_orders"] },
        })
          .catch((e) => e)
          .finally(() => (failHook = false))
        expect(e?.message).toBe("hook failed on purpose")
        const service = container.resolve(DATA_AUDIT_MODULE) as any
        const [run] = await service.listAuditRuns({}, { order: { created_at: "DESC" }, take: 1 })
        expect(run).toEqual(
          expect.objectContaining({ status: "failed", error: "Rolled back after a later step failed" })
        )
        expect(await service.listAuditFindings({ run_id: run.id })).toHaveLength(0)
      })
    })

    describe("background run", () => {
      it("ends a run whose checks fail as failed with the error, in the background and when waited for", async () => {
        const container = getContainer()
        const service = container.resolve(DATA_AUDIT_MODULE) as any
        const spy = jest.spyOn(service, "executeAuditRun").mockRejectedValue(new Error("check failed on purpose"))
        try {
          const started = await api.post("/admin/data-audit/runs", {}, headers)
          expect(started.status).toBe(202)
          expect(started.data.audit_run.status).toBe("pending")
          const run = await waitForRun(started.data.audit_run.id)
          expect(run).toEqual(expect.objectContaining({ status: "failed", error: "check failed on purpose" }))

          const e = await startDataAudit(container, { trigger: "api", wait: true }).catch((e) => e)
          expect(e?.message).toBe("check failed on purpose")
          const [last] = await service.listAuditRuns({}, { order: { created_at: "DESC" }, take: 1 })
          expect(last).toEqual(expect.objectContaining({ status: "failed", error: "check failed on purpose" }))
        } finally {
          spy.mockRestore()
        }
      })
    })

    describe("failure before the checks", () => {
      it.each([
        ["gather", "objective", "listObjectives"],
        ["validate", DATA_AUDIT_MODULE, "retrieveAuditRun"],
      ])(
        "ends a run whose %s step fails as failed with the error, in the background and when waited for",
        async (_step, module, method) => {
          const container = getContainer()
          const service = container.resolve(DATA_AUDIT_MODULE) as any
          const failing = container.resolve(module) as any
          const error = `${method} failed on purpose`
          // once per start: the admin API reads runs with retrieveAuditRun too
          const spy = jest.spyOn(failing, method).mockRejectedValueOnce(new Error(error))
          try {
            const started = await api.post("/admin/data-audit/runs", {}, headers)
            expect(started.status).toBe(202)
            const run = await waitForRun(started.data.audit_run.id)
            expect(run).toEqual(expect.objectContaining({ status: "failed", error, checks_done: 0 }))
            expect(run.finished_at).not.toBeNull()

            spy.mockRejectedValueOnce(new Error(error))
            const e = await startDataAudit(container, { trigger: "api", wait: true }).catch((e) => e)
            expect(e?.message).toBe(error)
            const [last] = await service.listAuditRuns({}, { order: { created_at: "DESC" }, take: 1 })
            expect(last).toEqual(expect.objectContaining({ status: "failed", error }))
          } finally {
            spy.mockRestore()
          }
        }
      )

      it("leaves a run that is not pending as it is", async () => {
        const container = getContainer()
        const run = await startDataAudit(container, {
          trigger: "api",
          wait: true,
          options: { check_ids: ["orders.canceled"] },
        })
        expect(run.status).toBe("completed")
        const e = await runDataAuditWorkflow(container)
          .run({ input: { run_id: run.id } })
          .catch((e) => e)
        expect(e?.message).toContain("not pending")
        const { data } = await api.get(`/admin/data-audit/runs/${run.id}`, headers)
        expect(data.audit_run).toEqual(expect.objectContaining({ status: "completed", error: null }))
      })
    })

    describe("scheduled job", () => {
      it("runs a complete audit with trigger job", async () => {
        expect(jobConfig).toEqual({ name: "personalization-data-audit", schedule: "0 3 * * *" })
        await dataAuditJob(getContainer())
        const { data } = await api.get("/admin/data-audit/runs", headers)
        expect(data.audit_runs).toHaveLength(1)
        expect(data.audit_runs[0]).toEqual(
          expect.objectContaining({ trigger: "job", status: "completed", progress: 1 })
        )
        expect(data.audit_runs[0].checks_done).toEqual(data.audit_runs[0].checks_total)
      })
    })

    describe("bad input", () => {
      it.each([
        [{ stale_days: 0 }, "stale_days"],
        [{ sample_size: 50 }, "sample_size"],
        [{ check_ids: ["nope"] }, "check_ids"],
        [{ unknown: 1 }, "unknown"],
      ])("POST /admin/data-audit/runs %j is a 400 naming the field", async (body, field) => {
        const e = await api.post("/admin/data-audit/runs", body, headers).catch((e: any) => e)
        expect(e.response.status).toEqual(400)
        expect(e.response.data.message).toContain(field)
      })

      it("answers 400 for bad list and trend queries, 404 for unknown ids", async () => {
        let e = await api.get("/admin/data-audit/runs?limit=0", headers).catch((e: any) => e)
        expect(e.response.status).toEqual(400)
        expect(e.response.data.message).toContain("limit")
        e = await api.get("/admin/data-audit/runs/aud_missing?severity=huge", headers).catch((e: any) => e)
        expect(e.response.status).toEqual(400)
        expect(e.response.data.message).toContain("severity")
        e = await api.get("/admin/data-audit/runs/aud_missing", headers).catch((e: any) => e)
        expect(e.response.status).toEqual(404)
        e = await api.get("/admin/data-audit/checks/nope/trend", headers).catch((e: any) => e)
        expect(e.response.status).toEqual(404)
        e = await api.get("/admin/data-audit/products/prod_missing/gaps", headers).catch((e: any) => e)
        expect(e.response.status).toEqual(404)
      })

      it("lists the check registry", async () => {
        const { data } = await api.get("/admin/data-audit/checks", headers)
        expect(data.count).toBeGreaterThanOrEqual(30)
        expect(data.checks[0]).toEqual(
          expect.objectContaining({
            id: expect.any(String),
            title: expect.any(String),
            area: expect.any(String),
            severity: expect.any(String),
            measured: expect.any(String),
            remediation: expect.any(String),
            blocks: expect.any(Object),
          })
        )
      })
    })
  },
})
