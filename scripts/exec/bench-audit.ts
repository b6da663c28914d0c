import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { DATA_AUDIT_MODULE } from "../../src/modules/data_audit"
import type DataAuditModuleService from "../../src/modules/data_audit/service"
import { startDataAudit } from "../../src/workflows/data-audit/start-data-audit"

/**
 * `npm run bench:audit`: one full audit run (all checks, findings stored) against the bench
 * database (`npm run bench:setup`: 100k customers / 1M order lines). Prints the data size, the
 * wall time, the slowest checks and the process's peak RSS; exits 1 when over --target-s (10).
 */
export default async function benchAudit({ container, args }: ExecArgs) {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const targetArg = (args ?? []).find((a) => a.startsWith("--target-s="))
  const target = targetArg ? Number(targetArg.split("=")[1]) : 10
  const size = await knex.raw(`select
      (select count(*) from customer where deleted_at is null) as customers,
      (select count(*) from "order" where deleted_at is null) as orders,
      (select count(*) from order_line_item where deleted_at is null) as order_lines,
      (select count(*) from product where deleted_at is null) as products`)
  const s = size.rows[0]
  const rssBefore = process.memoryUsage().rss
  let peakRss = rssBefore
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50)
  const started = process.hrtime.bigint()
  const run = await startDataAudit(container, { trigger: "cli", wait: true })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  clearInterval(sampler)
  peakRss = Math.max(peakRss, process.memoryUsage().rss)

  const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
  const findings = await service.listAuditFindings({ run_id: run.id })
  const slowest = findings
    .map((f) => ({ id: f.check_id, ms: Number((f.details as { duration_ms?: number } | null)?.duration_ms ?? 0) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8)
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`
  const ok = seconds <= target
  process.stdout.write(
    [
      "",
      `data audit bench: ${Number(s.customers).toLocaleString("en-GB")} customers, ${Number(s.orders).toLocaleString("en-GB")} orders, ${Number(s.order_lines).toLocaleString("en-GB")} order lines, ${Number(s.products).toLocaleString("en-GB")} products`,
      `full audit (${findings.length} findings, score ${run.score ?? "-"}): ${seconds.toFixed(2)} s (target <= ${target} s) ${ok ? "OK" : "OVER TARGET"}`,
      `RSS before ${mb(rssBefore)}, peak during the run ${mb(peakRss)} (+${mb(peakRss - rssBefore)}); process max RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
      "slowest checks (ms; shared aggregates are paid by the first check that uses them):",
      ...slowest.map((x) => `  ${String(x.ms).padStart(6)}  ${x.id}`),
      "",
    ].join("\n")
  )
  if (!ok) {
    process.exitCode = 1
  }
}
