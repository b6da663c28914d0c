import type { Severity } from "../../src/modules/data_audit/checks/types"
import { SEVERITIES } from "../../src/modules/data_audit/checks/types"

export type CliOptions = {
  fail_on: Severity | "none"
  stale_days?: number
  sample_size?: number
  check_ids?: string[]
  json: boolean
}

/**
 * Parses the audit CLI arguments: `fail-on=<info|low|medium|high|none>` (default high),
 * `stale-days=N`, `samples=N`, `checks=a,b`, `json`. A leading `--` is accepted (but `medusa exec`
 * itself rejects unknown --flags, so pass them bare). Collects every problem.
 */
export function parseCliArgs(args: string[]): { options: CliOptions; errors: string[] } {
  const options: CliOptions = { fail_on: "high", json: false }
  const errors: string[] = []
  for (const raw of args) {
    if (raw === "--") {
      continue
    }
    const [key, value] = raw.replace(/^--/, "").split("=", 2)
    switch (key) {
      case "fail-on":
        if (value === "none" || SEVERITIES.includes(value as Severity)) {
          options.fail_on = value as Severity | "none"
        } else {
          errors.push(`--fail-on must be one of ${[...SEVERITIES, "none"].join(", ")}`)
        }
        break
      case "stale-days":
      case "samples": {
        const n = Number(value)
        const max = key === "samples" ? 20 : 3650
        const min = key === "samples" ? 0 : 1
        if (!Number.isInteger(n) || n < min || n > max) {
          errors.push(`--${key} must be an integer from ${min} to ${max}`)
        } else if (key === "samples") {
          options.sample_size = n
        } else {
          options.stale_days = n
        }
        break
      }
      case "checks":
        options.check_ids = (value ?? "").split(",").filter(Boolean)
        if (!options.check_ids.length) {
          errors.push("--checks needs a comma-separated list of check ids")
        }
        break
      case "json":
        options.json = true
        break
      default:
        errors.push(`unknown argument ${raw}`)
    }
  }
  return { options, errors }
}

export type ReportRow = {
  area: string
  severity: Severity
  check_id: string
  subject_label?: string | null
  affected: number
  total: number
  share: number
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`

/** A fixed-width text table of findings, worst first within each area. */
export function formatFindingsTable(rows: ReportRow[]): string {
  const header = ["AREA", "SEVERITY", "CHECK", "AFFECTED", "TOTAL", "SHARE"]
  const body = rows.map((r) => [
    r.area,
    r.severity,
    r.subject_label ? `${r.check_id} [${r.subject_label}]` : r.check_id,
    String(r.affected),
    String(r.total),
    pct(r.share),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)))
  const right = new Set([3, 4, 5])
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd()
  return [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...body.map(fmt)].join("\n")
}
