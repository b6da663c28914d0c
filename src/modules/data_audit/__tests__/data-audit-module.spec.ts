import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { DATA_AUDIT_MODULE } from ".."
import DataAuditModuleService from "../service"
import AuditRun from "../models/audit-run"
import AuditFinding from "../models/audit-finding"

jest.setTimeout(60000)

const finding = (run_id: string, affected: number, total: number, extra: Record<string, unknown> = {}) => ({
  run_id,
  check_id: "customers.guest_orders",
  title: "Guest orders",
  area: "customers" as const,
  entity: "order",
  severity: "high" as const,
  affected,
  total,
  share: affected / total,
  sample_ids: [],
  blocks: { segment_attributes: [], objective_metrics: [], strategies: [] },
  ...extra,
})

moduleIntegrationTestRunner<DataAuditModuleService>({
  moduleName: DATA_AUDIT_MODULE,
  moduleModels: [AuditRun, AuditFinding],
  resolve: "./src/modules/data_audit",
  testSuite: ({ service }) => {
    describe("data_audit module", () => {
      it("keeps a trend per check over completed runs only, oldest first", async () => {
        const [r1, r2, r3] = await service.createAuditRuns([
          { status: "completed", score: 40, finished_at: new Date("2026-01-01") },
          { status: "failed" },
          { status: "completed", score: 60, finished_at: new Date("2026-02-01") },
        ])
        await service.createAuditFindings([finding(r1.id, 5, 10)] as any)
        await service.createAuditFindings([finding(r2.id, 9, 10)] as any)
        await service.createAuditFindings([
          finding(r3.id, 2, 10),
          finding(r3.id, 1, 1, { check_id: "orders.canceled", area: "orders" }),
        ] as any)

        const trend = await service.listCheckTrend("customers.guest_orders")
        expect(trend.map((t) => [t.run_id, t.affected, t.total, t.run_score])).toEqual([
          [r1.id, 5, 10, 40],
          [r3.id, 2, 10, 60],
        ])
        expect(await service.listCheckTrend("customers.guest_orders", { limit: 1 })).toHaveLength(1)
      })

      it("deletes a run's findings with the run", async () => {
        const run = await service.createAuditRuns({ status: "completed" })
        await service.createAuditFindings([finding(run.id, 1, 2)] as any)
        await service.deleteAuditRuns(run.id)
        expect(await service.listAuditFindings({ run_id: run.id })).toHaveLength(0)
      })

      it("runs defensive checks without the segment/objective tables and completes the run", async () => {
        const run = await service.createAuditRuns({
          status: "pending",
          options: { check_ids: ["readiness.segment_attributes", "readiness.objective_metrics"] },
        })
        const done = await service.executeAuditRun(run.id)
        expect(done).toEqual(
          expect.objectContaining({ status: "completed", checks_done: 2, checks_total: 2, score: null })
        )
        expect(await service.listAuditFindings({ run_id: run.id })).toHaveLength(0)

        const again = await service.executeAuditRun(run.id).catch((e) => e)
        expect(again.message).toContain("not pending")
      })

      it("marks a run failed and removes partial findings when a check fails", async () => {
        // The customer table does not exist in a module-only database: the check throws.
        const run = await service.createAuditRuns({
          status: "pending",
          options: { check_ids: ["customers.missing_email"] },
        })
        const e = await service.executeAuditRun(run.id).catch((e) => e)
        expect(e).toBeInstanceOf(Error)
        await service.createAuditFindings([finding(run.id, 1, 2)] as any)
        const failed = await service.failAuditRun(run.id, e.message)
        expect(failed).toEqual(expect.objectContaining({ status: "failed", error: e.message }))
        expect(await service.listAuditFindings({ run_id: run.id })).toHaveLength(0)
      })
    })
  },
})
