import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { cancelOrderWorkflow, updateOrderWorkflow } from "@medusajs/medusa/core-flows"
import { plantAuditFixtures } from "../helpers/data-audit-fixtures"
import { DATA_AUDIT_MODULE } from "../../src/modules/data_audit"
import type DataAuditModuleService from "../../src/modules/data_audit/service"
import { AUDIT_CHECKS } from "../../src/modules/data_audit/checks"
import type { AuditImplementation } from "../../src/modules/data_audit/checks/types"
import { FindingInput, runChecks } from "../../src/modules/data_audit/checks/runner"
import { findingDifferences } from "../../src/modules/data_audit/utils/finding-diff"

jest.setTimeout(240 * 1000)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ getContainer }) => {
    describe("audit read model", () => {
      it("gives the scans' findings, follows changed orders through their events, and falls back while stale", async () => {
        const container = getContainer()
        const fx = await plantAuditFixtures(container)
        const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const now = new Date()

        const findingsOf = async (implementation: AuditImplementation) => {
          const out: FindingInput[] = []
          await runChecks(
            knex,
            AUDIT_CHECKS,
            { stale_days: 365, sample_size: 20, now, implementation },
            async (_c, fs) => void out.push(...fs)
          )
          return out
        }
        /** The read model's findings equal the line scans' (counts, totals, details, samples). */
        const expectSameFindings = async () => {
          const [scans, readModel] = [await findingsOf("scans"), await findingsOf("read_model")]
          expect(findingDifferences(scans, readModel)).toEqual([])
          return readModel
        }
        const finding = (fs: FindingInput[], id: string) => fs.find((f) => f.check_id === id)!
        const summary = async (orderId: string) =>
          (await knex.raw(`select * from audit_order_line_summary where order_id = ?`, [orderId])).rows[0]
        /** Waits until no order is stale, without syncing: only the subscriber can make it so. */
        const expectCurrentWithoutSync = async () => {
          const deadline = Date.now() + 15000
          while ((await service.listStaleOrderLines()).length && Date.now() < deadline) {
            await sleep(200)
          }
          expect(await service.listStaleOrderLines()).toEqual([])
        }

        // The fixtures write orders through the order module (no events): all 7 are stale, and the
        // audit scans the lines instead (same findings).
        expect((await service.listStaleOrderLines()).sort()).toEqual(fx.orders.map((o) => o.id).sort())
        await expectSameFindings()

        // The sync (as each audit run starts) writes them; the read model is current and agrees.
        expect(await service.syncOrderLines()).toEqual(
          expect.objectContaining({ mode: "refreshed", orders: fx.orders.length })
        )
        expect(await service.listStaleOrderLines()).toEqual([])
        const o1 = await summary(fx.orders[0].id)
        expect([o1.lines, o1.non_product_code_lines, Number(o1.revenue), o1.canceled]).toEqual([3, 1, 28, false])
        const lineTotals = (
          await knex.raw(`select sum(lines)::int as lines, count(*)::int as orders from audit_order_line_summary`)
        ).rows[0]
        expect(lineTotals).toEqual({ lines: 11, orders: 7 })
        let fs = await expectSameFindings()
        expect(finding(fs, "orders.canceled")).toEqual(expect.objectContaining({ affected: 1, total: 7 }))
        expect(finding(fs, "orders.canceled").details).toEqual(expect.objectContaining({ lines: 1 }))

        // An order canceled through Medusa's workflow (order.canceled): the subscriber rewrites its row.
        await cancelOrderWorkflow(container).run({ input: { order_id: fx.orders[0].id } })
        await expectCurrentWithoutSync()
        expect((await summary(fx.orders[0].id)).canceled).toBe(true)
        fs = await expectSameFindings()
        expect(finding(fs, "orders.canceled")).toEqual(expect.objectContaining({ affected: 2, total: 7 }))
        expect(finding(fs, "orders.canceled").details).toEqual(expect.objectContaining({ lines: 4 }))

        // An order updated through Medusa's workflow (order.updated): a new `updated_at`, rewritten too.
        await updateOrderWorkflow(container).run({
          input: { id: fx.orders[1].id, email: "bob.new@x.test", user_id: "user_audit" },
        })
        await expectCurrentWithoutSync()
        await expectSameFindings()

        // Product and customer changes need no event: the audit joins them as they are now.
        const productModule = container.resolve(Modules.PRODUCT)
        await productModule.softDeleteProducts([fx.products["mug-1"].id])
        await productModule.updateProducts(fx.products["bare-vase"].id, { metadata: { non_product: true } })
        // carol, a guest checkout customer, registers (the auth flow sets has_account)
        await knex.raw(`update customer set has_account = true where id = ?`, [fx.customers[4].id])
        expect(await service.listStaleOrderLines()).toEqual([])
        fs = await expectSameFindings()
        expect(finding(fs, "orders.missing_product_lines")).toEqual(expect.objectContaining({ affected: 4, total: 11 }))
        expect(finding(fs, "orders.non_product_lines")).toEqual(expect.objectContaining({ affected: 4, total: 11 }))

        // An order written without an event (an import): stale, so the audit falls back to the
        // scans until the next sync refreshes it.
        const orderModule = container.resolve(Modules.ORDER)
        const [late] = await orderModule.createOrders([
          {
            currency_code: "gbp",
            customer_id: fx.customers[0].id,
            email: fx.customers[0].email,
            items: [{ title: "Full Lamp", product_id: fx.products["full-lamp"].id, quantity: 3, unit_price: 10 }],
          },
        ] as any)
        expect(await service.listStaleOrderLines()).toEqual([late.id])
        await expectSameFindings()
        expect(await service.syncOrderLines()).toEqual(expect.objectContaining({ mode: "refreshed", orders: 1 }))
        expect(await service.listStaleOrderLines()).toEqual([])
        fs = await expectSameFindings()
        expect(finding(fs, "orders.canceled")).toEqual(expect.objectContaining({ affected: 2, total: 8 }))

        // A rebuild (the backfill, the nightly job) writes the same rows the refreshes wrote.
        const rows = async () =>
          (
            await knex.raw(`select order_id, order_version, customer_id, currency_code, canceled, lines,
              non_positive_price_lines, no_product_id_lines, non_product_code_lines, missing_description_lines,
              revenue::text from audit_order_line_summary order by order_id`)
          ).rows
        const productRows = async () =>
          (
            await knex.raw(`select order_id, product_id, customer_id, day, canceled, lines, non_code_lines
              from audit_order_product_line order by order_id, product_id`)
          ).rows
        const [before, productsBefore] = [await rows(), await productRows()]
        expect(await service.rebuildOrderLines()).toEqual(expect.objectContaining({ mode: "rebuilt", orders: 8 }))
        expect(await rows()).toEqual(before)
        expect(await productRows()).toEqual(productsBefore)
        await expectSameFindings()

        // A run through the service syncs first and reports it.
        const run = await service.createAuditRuns({ status: "pending" })
        const done = await service.executeAuditRun(run.id)
        expect((done.summary as Record<string, any>).read_model_sync).toEqual(
          expect.objectContaining({ mode: "current", orders: 0 })
        )
      })
    })
  },
})
