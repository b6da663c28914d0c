/**
 * `npm run bench:audit`: the full data audit (every registered check in one read-only snapshot, as
 * the run workflow executes them, findings not stored) with the per-table scans and with the
 * previous per-check queries (`implementation: "previous"`), in one run, on one or several bench
 * databases. Per database: the data size, each implementation's time (median of --runs, the two
 * alternating which goes first), their ratio, the most expensive checks (a shared scan is paid by
 * the first check that reads it) and the 1-minute load average; both must give the same findings
 * (counts, totals, details, samples), else exit 2. With several databases: the fitted exponent k
 * of time ~ lines^k per implementation and what it predicts at 10M lines. Exit 1 when the scans
 * take longer than --target-s on the largest database.
 *
 *   npm run bench:audit -- [--dbs personalization_bench_250k,personalization_bench_500k,personalization_bench]
 *                          [--runs 3] [--implementations scans,previous] [--target-s 3]
 *
 * Databases default to the one in BENCH_DATABASE_URL (default personalization_bench); the server
 * and user come from that URL. Nothing is written but planner statistics (`refreshStaleStatistics`
 * runs ANALYZE on audited tables that need it, as the audit does): point it at clones, not at the
 * templates.
 */
import os from "os"
import { ModulesSdkUtils } from "@medusajs/framework/utils"
import { AUDIT_CHECKS } from "../src/modules/data_audit/checks"
import type { AuditImplementation } from "../src/modules/data_audit/checks/types"
import { FindingInput, refreshStaleStatistics, runChecks } from "../src/modules/data_audit/checks/runner"
import { findingDifferences } from "../src/modules/data_audit/utils/finding-diff"
import { extrapolate, fitExponent } from "./lib/cost-curve"

type Opts = { dbs: string[]; runs: number; implementations: AuditImplementation[]; targetS: number }

const BASE_URL = process.env.BENCH_DATABASE_URL || "postgres://postgres@localhost:5432/personalization_bench"

function parse(argv: string[]): Opts {
  const o: Opts = {
    dbs: [new URL(BASE_URL).pathname.slice(1)],
    runs: 3,
    implementations: ["scans", "previous"],
    targetS: 3,
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2)
    const value = () => inline ?? argv[++i]
    if (flag === "--dbs") o.dbs = value().split(",").filter(Boolean)
    else if (flag === "--runs") o.runs = Number(value())
    else if (flag === "--implementations") o.implementations = value().split(",") as AuditImplementation[]
    else if (flag === "--target-s") o.targetS = Number(value())
    else throw new Error(`unknown argument ${argv[i]}`)
  }
  if (!o.dbs.length || !(o.runs >= 1) || !(o.targetS > 0)) {
    throw new Error("--dbs needs a name, --runs a number >= 1, --target-s a number > 0")
  }
  const unknown = o.implementations.filter((x) => x !== "scans" && x !== "previous")
  if (unknown.length || !o.implementations.length) {
    throw new Error(`--implementations takes scans and/or previous, not ${unknown.join(",") || "nothing"}`)
  }
  return o
}

const out = (line = "") => process.stdout.write(`${line}\n`)
const load = () => os.loadavg()[0].toFixed(1)
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (n: number) => Number(n).toLocaleString("en-GB")
const secs = (ms: number) => (ms / 1000).toFixed(2)

type Run = { ms: number; findings: FindingInput[]; perCheck: { id: string; ms: number }[] }

async function audit(
  pg: Parameters<typeof runChecks>[0],
  implementation: AuditImplementation,
  now: Date
): Promise<Run> {
  const findings: FindingInput[] = []
  const perCheck: { id: string; ms: number }[] = []
  const started = process.hrtime.bigint()
  await runChecks(pg, AUDIT_CHECKS, { stale_days: 365, sample_size: 20, now, implementation }, async (check, fs) => {
    findings.push(...fs)
    perCheck.push({ id: check.id, ms: Number((fs[0]?.details as { duration_ms?: number } | null)?.duration_ms ?? 0) })
  })
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, findings, perCheck }
}

async function benchDb(db: string, o: Opts) {
  const url = new URL(BASE_URL)
  url.pathname = `/${db}`
  const pg = ModulesSdkUtils.createPgConnection({ clientUrl: url.toString(), schema: "public" })
  try {
    const size = (
      await pg.raw(`select
        (select count(*) from customer where deleted_at is null) as customers,
        (select count(*) from "order" where deleted_at is null) as orders,
        (select count(*) from order_line_item where deleted_at is null) as lines,
        (select count(*) from product where deleted_at is null) as products`)
    ).rows[0]
    const lines = Number(size.lines)
    out(
      `\n${db}: ${fmt(lines)} order lines, ${fmt(size.orders)} orders, ${fmt(size.customers)} customers, ${fmt(size.products)} products`
    )
    const analyzed = await refreshStaleStatistics(pg)
    if (analyzed.length) {
      out(`  analyzed first (statistics were stale): ${analyzed.join(", ")}`)
    }
    const now = new Date()
    // Warm-up: reads every table once, so neither implementation pays the cold cache alone.
    await audit(pg, o.implementations[0], now)
    const runs: Record<string, Run[]> = {}
    const loads: string[] = [load()]
    for (let i = 0; i < o.runs; i++) {
      const order = i % 2 ? [...o.implementations].reverse() : o.implementations
      for (const impl of order) {
        ;(runs[impl] ??= []).push(await audit(pg, impl, now))
      }
      loads.push(load())
    }
    const ms: Record<string, number> = {}
    for (const impl of o.implementations) {
      ms[impl] = median(runs[impl].map((r) => r.ms))
      const slowest = [...runs[impl][0].perCheck].sort((a, b) => b.ms - a.ms).slice(0, 4)
      out(
        `  ${impl.padEnd(8)} ${secs(ms[impl]).padStart(7)} s  (runs: ${runs[impl].map((r) => secs(r.ms)).join(", ")} s; ` +
          `slowest checks of the first run: ${slowest.map((c) => `${c.id} ${secs(c.ms)} s`).join(", ")})`
      )
    }
    out(`  1-minute load average during the runs: ${loads.join(" -> ")}`)
    if (ms.previous && ms.scans) {
      out(`  ratio previous / scans: ${(ms.previous / ms.scans).toFixed(2)}x`)
      const diffs = findingDifferences(runs.previous[0].findings, runs.scans[0].findings)
      out(
        diffs.length
          ? `  FINDINGS DIFFER (${diffs.length}):\n    ${diffs.join("\n    ")}`
          : `  same findings (${runs.scans[0].findings.length}: counts, totals, details, samples; first-found line samples as sets or by number)`
      )
      if (diffs.length) process.exitCode = 2
    }
    return { db, lines, ms, load: loads }
  } finally {
    await pg.destroy()
  }
}

async function main() {
  const o = parse(process.argv.slice(2))
  out(
    `bench:audit: ${AUDIT_CHECKS.length} checks, sample size 20, ${o.runs} run(s) each after a warm-up; load ${load()}`
  )
  const results: Awaited<ReturnType<typeof benchDb>>[] = []
  for (const db of o.dbs) {
    results.push(await benchDb(db, o))
  }
  results.sort((a, b) => a.lines - b.lines)
  out("\n| order lines | " + o.implementations.join(" | ") + " | ratio | load |")
  out("| --- | " + o.implementations.map(() => "---").join(" | ") + " | --- | --- |")
  for (const r of results) {
    const ratio = r.ms.previous && r.ms.scans ? `${(r.ms.previous / r.ms.scans).toFixed(2)}x` : "-"
    out(
      `| ${fmt(r.lines)} | ${o.implementations.map((i) => `${secs(r.ms[i])} s`).join(" | ")} | ${ratio} | ${r.load[0]}-${r.load[r.load.length - 1]} |`
    )
  }
  if (results.length >= 2) {
    for (const impl of o.implementations) {
      const points = results.map((r) => ({ size: r.lines, ms: r.ms[impl] }))
      const k = fitExponent(points)
      out(
        `${impl}: time ~ lines^${k.toFixed(2)} over ${points.length} sizes; at 10,000,000 lines: ~${secs(extrapolate(points, 1e7, k))} s`
      )
    }
  }
  const largest = results[results.length - 1]
  if (largest.ms.scans !== undefined) {
    const ok = largest.ms.scans <= o.targetS * 1000
    out(
      `scans on ${fmt(largest.lines)} lines: ${secs(largest.ms.scans)} s (target <= ${o.targetS} s) ${ok ? "OK" : "OVER TARGET"}`
    )
    if (!ok && !process.exitCode) process.exitCode = 1
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e?.stack ?? e}\n`)
    process.exit(3)
  })
}
