import type { ExecArgs, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { writeFileSync } from "fs"
import { ImportWriter, formatImportSummary, importOrderLines } from "../import/import-orders"
import { createProgressReporter } from "../import/progress"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import { SEGMENT_MODULE } from "../../src/modules/segment"
import type SegmentModuleService from "../../src/modules/segment/service"
import { rebuildProductAffinityWorkflow } from "../../src/workflows/recommendation/rebuild-product-affinity"

/**
 * `npx medusa exec ./scripts/exec/import-orders.ts <file.csv[.gz]> [batch-size=N] [no-refresh]
 *   [writer=copy|previous] [limit=ROWS] [summary-json=FILE]` (medusa exec rejects `--` options, so
 * options are bare words; a leading `--` is accepted when called from code).
 * Imports order lines as docs/data-contract.md describes; exits non-zero on a malformed file.
 * `--writer=previous` runs the INSERT writer kept for `npm run bench:import`; `--limit` imports the
 * first ROWS data rows; `--summary-json` writes the summary and the refresh timings as JSON.
 * Progress: a bar with rate and ETA on a TTY, plain log lines otherwise.
 * Imported orders emit no `order.placed`, so the plugin's read models are refreshed afterwards
 * (segment order facts for the new orders, co-purchase counts rebuilt) unless `no-refresh`.
 */
const secondsSince = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1)

export default async function importOrders({ container, args }: ExecArgs) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const options = new Map<string, string>()
  const positional: string[] = []
  for (const arg of args ?? []) {
    const m = /^(?:--)?(batch-size|writer|limit|summary-json|no-refresh)(?:=(.*))?$/.exec(arg)
    if (m) {
      options.set(m[1], m[2] ?? "")
    } else {
      positional.push(arg)
    }
  }
  const file = positional[0]
  if (!file) {
    throw new Error(
      "usage: medusa exec ./scripts/exec/import-orders.ts <file.csv|file.csv.gz> [writer=copy|previous] [limit=N] [batch-size=N] [summary-json=FILE] [no-refresh]"
    )
  }
  const flag = (name: string) => options.get(name)
  const numberFlag = (name: string) => {
    const value = flag(name)
    if (value === undefined) {
      return undefined
    }
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`${name} must be a positive integer, got "${value}"`)
    }
    return n
  }
  const writer = (flag("writer") ?? "copy") as ImportWriter
  if (writer !== "copy" && writer !== "previous") {
    throw new Error(`writer must be copy or previous, got "${writer}"`)
  }
  const progress = createProgressReporter(process.stderr, (line) => logger.info(`import: ${line}`))
  const summary = await importOrderLines(container, {
    file,
    writer,
    batchSize: numberFlag("batch-size"),
    limit: numberFlag("limit"),
    onProgress: progress.update,
  })
  progress.done()
  for (const line of formatImportSummary(summary)) {
    logger.info(`import: ${line}`)
  }
  const refreshMs: Record<string, number> = {}
  const summaryFile = flag("summary-json")
  const writeSummary = () => {
    if (summaryFile) {
      writeFileSync(summaryFile, JSON.stringify({ ...summary, refreshMs }, null, 2))
    }
  }
  // Planner statistics for the rows just written: without them (autovacuum off, or before it runs)
  // PostgreSQL plans the store's and the plugin's queries as if the tables were empty.
  const started = Date.now()
  await container.resolve(ContainerRegistrationKeys.PG_CONNECTION).raw("ANALYZE")
  refreshMs.analyze = Date.now() - started
  logger.info(`import: analyzed the database in ${secondsSince(started)} s`)
  if (options.has("no-refresh")) {
    logger.info("import: no-refresh: segment facts and co-purchase counts not refreshed")
    writeSummary()
    return
  }
  if (container.hasRegistration(SEGMENT_MODULE)) {
    const t0 = Date.now()
    await container.resolve<SegmentModuleService>(SEGMENT_MODULE).syncMissingOrderFacts()
    refreshMs.segmentFacts = Date.now() - t0
    logger.info(`import: segment order facts caught up in ${secondsSince(t0)} s`)
  }
  if (container.hasRegistration(RECOMMENDATION_MODULE)) {
    const t0 = Date.now()
    const { result } = await rebuildProductAffinityWorkflow(container).run()
    refreshMs.coPurchase = Date.now() - t0
    logger.info(
      `import: co-purchase counts rebuilt in ${secondsSince(t0)} s ` +
        `(${result.pairs} product pairs from ${result.orders} orders)`
    )
  }
  writeSummary()
}
