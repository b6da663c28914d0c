/**
 * `npm run bench:audit`: the full data audit (every registered check in one read-only snapshot, as
 * the run workflow executes them, findings not stored) three ways in one run, on one or several
 * bench databases: from the audit read model (`read_model`, what the service runs: the read model's
 * sync, then the checks), with the per-table scans (`scans`) and with the previous per-check queries
 * (`previous`). Per database: the data size, the read model's backfill time (when it is not current,
 * e.g. a fresh clone; the tables are created first if the clone predates them), each
 * implementation's time (median of --runs, the order rotating), their ratios, the most expensive
 * checks (a shared scan is paid by the first check that reads it) and the 1-minute load average;
 * all must give the same findings (counts, totals, details, samples), else exit 2. With several
 * databases: the fitted exponent k of time ~ lines^k per implementation and what it predicts at
 * 10M lines. Exit 1 when the first implementation takes longer than --target-s on the largest database.
 *
 *   npm run bench:audit -- [--dbs personalization_bench_250k,personalization_bench_500k,personalization_bench]
 *                          [--runs 3] [--implementations read_model,scans,previous] [--target-s 3]
 *
 * Databases default to the one in BENCH_DATABASE_URL (default personalization_bench); the server
 * and user come from that URL. The read model's tables and rows are written, and planner statistics
 * (`refreshStaleStatistics` runs ANALYZE on audited tables that need it, as the audit does): point
 * it at clones (`createdb -T personalization_bench <clone>`), never at the templates.
 */
import os from "os"
import { ModulesSdkUtils } from "@medusajs/framework/utils"
import { AUDIT_CHECKS } from "../src/modules/data_audit/checks"
import type { AuditImplementation } from "../src/modules/data_audit/checks/types"
import { FindingInput, refreshStaleStatistics, runChecks } from "../src/modules/data_audit/checks/runner"
import { findingDifferences } from "../src/modules/data_audit/utils/finding-diff"
import { extrapolate, fitExponent } from "./lib/cost-curve"
import { applyMigrationIfMissing } from "./lib/apply-migration"
import * as orderLines from "../src/modules/data_audit/repositories/order-line-summary"
import { Migration20261201090218 } from "../src/modules/data_audit/migrations/Migration20261201090218"

type Opts = { dbs: string[]; runs: number; implementations: AuditImplementation[]; targetS: number }

const IMPLEMENTATIONS: AuditImplementation[] = ["read_model", "scans", "previous"]

const BASE_URL = process.env.BENCH_DATABASE_URL || "postgres://postgres@localhost:5432/personalization_bench"

function parse(argv: string[]): Opts {
  const o: Opts = {
    dbs: [new URL(BASE_URL).pathname.slice(1)],
    runs: 3,
    implementations: ["read_model", "scans", "previous"],
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
  const unknown = o.implementations.filter((x) => !IMPLEMENTATIONS.includes(x))
  if (unknown.length || !o.implementations.length) {
    throw new Error(`--implementations takes ${IMPLEMENTATIONS.join(", ")}, not ${unknown.join(",") || "nothing"}`)
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
  if (implementation === "read_model") {
    // As the service runs it: the read model's sync (its own transaction), then the checks.
    const sync = await pg.transaction((trx) => orderLines.syncOrderLines(trx))
    if (sync.mode !== "current") {
      throw new Error(`the read model was not current before a timed run (${sync.mode} ${sync.orders} orders)`)
    }
  }
  await runChecks(pg, AUDIT_CHECKS, { stale_days: 365, sample_size: 20, now, implementation }, async (check, fs) => {
    findings.push(...fs)
    perCheck.push({ id: check.id, ms: Number((fs[0]?.details as { duration_ms?: number } | null)?.duration_ms ?? 0) })
  })
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, findings, perCheck }
}

/** Each slower implementation against each faster one, in the order given: (previous, scans), (scans, read_model)... */
function ratioPairs(impls: AuditImplementation[]): [AuditImplementation, AuditImplementation][] {
  const pairs: [AuditImplementation, AuditImplementation][] = []
  for (let i = 0; i < impls.length; i++) {
    for (let j = i + 1; j < impls.length; j++) {
      pairs.push([impls[j], impls[i]])
    }
  }
  return pairs
}

/**
 * Creates the read model's tables when the clone predates them (the module's migration, as
 * `db:migrate` would run it) and brings the read model current, timing it when it had to be
 * built (the backfill). Returns null when it was current already.
 */
async function ensureReadModel(pg: Parameters<typeof runChecks>[0]): Promise<{ ms: number; orders: number } | null> {
  await applyMigrationIfMissing(pg, "audit_order_line_summary", Migration20261201090218)
  const started = process.hrtime.bigint()
  const sync = await pg.transaction((trx) => orderLines.syncOrderLines(trx))
  if (sync.mode === "current") {
    return null
  }
  await orderLines.vacuumOrderLines(pg)
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, orders: sync.orders }
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
    let backfill: { ms: number; orders: number } | null = null
    if (o.implementations.includes("read_model")) {
      backfill = await ensureReadModel(pg)
      out(
        backfill
          ? `  read model backfilled: ${fmt(backfill.orders)} orders in ${secs(backfill.ms)} s (load ${load()})`
          : "  read model already current"
      )
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
    for (const [a, b] of ratioPairs(o.implementations)) {
      out(`  ratio ${a} / ${b}: ${(ms[a] / ms[b]).toFixed(2)}x`)
    }
    const [reference, ...others] = o.implementations
    for (const other of others) {
      const diffs = findingDifferences(runs[other][0].findings, runs[reference][0].findings)
      out(
        diffs.length
          ? `  FINDINGS DIFFER, ${other} against ${reference} (${diffs.length}):\n    ${diffs.join("\n    ")}`
          : `  same findings, ${other} and ${reference} (${runs[reference][0].findings.length}: counts, totals, details, samples; first-found line samples as sets or by number)`
      )
      if (diffs.length) process.exitCode = 2
    }
    return { db, lines, ms, load: loads, backfill }
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
  const pairs = ratioPairs(o.implementations)
  out(
    "\n| order lines | " +
      [...o.implementations, ...pairs.map(([a, b]) => `${a} / ${b}`)].join(" | ") +
      " | read model backfill | load |"
  )
  out("| --- | " + [...o.implementations, ...pairs].map(() => "---").join(" | ") + " | --- | --- |")
  for (const r of results) {
    out(
      `| ${fmt(r.lines)} | ${o.implementations.map((i) => `${secs(r.ms[i])} s`).join(" | ")} | ` +
        pairs.map(([a, b]) => `${(r.ms[a] / r.ms[b]).toFixed(2)}x`).join(" | ") +
        ` | ${r.backfill ? `${secs(r.backfill.ms)} s` : "-"} | ${r.load[0]}-${r.load[r.load.length - 1]} |`
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
  const first = o.implementations[0]
  const ok = largest.ms[first] <= o.targetS * 1000
  out(
    `${first} on ${fmt(largest.lines)} lines: ${secs(largest.ms[first])} s (target <= ${o.targetS} s) ${ok ? "OK" : "OVER TARGET"}`
  )
  if (!ok && !process.exitCode) process.exitCode = 1
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e?.stack ?? e}\n`)
    process.exit(3)
  })
}
