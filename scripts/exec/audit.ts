import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { DATA_AUDIT_MODULE } from "../../src/modules/data_audit"
import type DataAuditModuleService from "../../src/modules/data_audit/service"
import { AUDIT_CHECKS_BY_ID, AREAS, SEVERITIES } from "../../src/modules/data_audit/checks"
import { findingsAtOrAbove } from "../../src/modules/data_audit/utils/score"
import { formatFindingsTable, parseCliArgs } from "../lib/audit-report"
import { startDataAudit } from "../../src/workflows/data-audit/start-data-audit"

/**
 * `medusa exec ./scripts/exec/audit.ts [fail-on=high] [stale-days=365] [samples=20] [checks=a,b]
 * [json]` (positional: `medusa exec` rejects unknown --flags; `npm run audit -- fail-on=medium`): runs the data audit, prints a table (or JSON) and exits 1 when a
 * finding at or above fail-on has affected records (`fail-on=none` never fails), 2 on bad
 * arguments. For CI.
 */
export default async function audit({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { options, errors } = parseCliArgs(args ?? [])
  const unknown = (options.check_ids ?? []).filter((id) => !AUDIT_CHECKS_BY_ID[id])
  errors.push(...unknown.map((id) => `unknown check id ${id}`))
  if (errors.length) {
    errors.forEach((e) => logger.error(e))
    process.exitCode = 2
    return
  }
  const started = Date.now()
  const done = await startDataAudit(container, {
    trigger: "cli",
    options: { stale_days: options.stale_days, sample_size: options.sample_size, check_ids: options.check_ids },
    wait: true,
  })
  const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
  const findings = await service.listAuditFindings({ run_id: done.id })
  findings.sort(
    (a, b) =>
      AREAS.indexOf(a.area) - AREAS.indexOf(b.area) ||
      SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
      b.share - a.share
  )
  const failing = options.fail_on === "none" ? [] : findingsAtOrAbove(findings, options.fail_on)
  const run = await service.retrieveAuditRun(done.id)
  if (options.json) {
    process.stdout.write(
      JSON.stringify({ audit_run: { ...run, findings }, failing: failing.map((f) => f.check_id) }, null, 2) + "\n"
    )
  } else {
    const scores = (run.area_scores ?? {}) as Record<string, number | null>
    const areas = AREAS.map((a) => `${a} ${scores[a] ?? "-"}`).join(", ")
    process.stdout.write(
      [
        "",
        `Data audit ${run.id}: score ${run.score ?? "-"} / 100 (${areas})`,
        `${findings.length} findings in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        "",
        formatFindingsTable(findings),
        "",
        options.fail_on === "none"
          ? "Not gating (--fail-on=none)."
          : failing.length
            ? `FAIL: ${failing.length} finding(s) at or above "${options.fail_on}": ${[...new Set(failing.map((f) => f.check_id))].join(", ")}`
            : `OK: no finding at or above "${options.fail_on}".`,
        "",
      ].join("\n")
    )
  }
  if (failing.length) {
    process.exitCode = 1
  }
}
