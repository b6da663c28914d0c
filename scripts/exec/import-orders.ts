import type { ExecArgs, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { formatImportSummary, importOrderLines } from "../import/import-orders"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import { SEGMENT_MODULE } from "../../src/modules/segment"
import type SegmentModuleService from "../../src/modules/segment/service"
import { rebuildProductAffinityWorkflow } from "../../src/workflows/recommendation/rebuild-product-affinity"

/**
 * `npx medusa exec ./scripts/exec/import-orders.ts <file.csv[.gz]> [--batch-size=500] [--no-refresh]`
 * Imports order lines as docs/data-contract.md describes; exits non-zero on a malformed file.
 * Imported orders emit no `order.placed`, so the plugin's read models are refreshed afterwards
 * (segment order facts for the new orders, co-purchase counts rebuilt) unless `--no-refresh`.
 */
const secondsSince = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1)

export default async function importOrders({ container, args }: ExecArgs) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const file = args.find((a) => !a.startsWith("--"))
  if (!file) {
    throw new Error("usage: medusa exec ./scripts/exec/import-orders.ts <file.csv|file.csv.gz> [--batch-size=500]")
  }
  const batchArg = args.find((a) => a.startsWith("--batch-size="))
  const batchSize = batchArg ? Number(batchArg.split("=")[1]) : undefined
  const summary = await importOrderLines(container, { file, batchSize })
  for (const line of formatImportSummary(summary)) {
    logger.info(`import: ${line}`)
  }
  // Planner statistics for the rows just written: without them (autovacuum off, or before it runs)
  // PostgreSQL plans the store's and the plugin's queries as if the tables were empty.
  const started = Date.now()
  await container.resolve(ContainerRegistrationKeys.PG_CONNECTION).raw("ANALYZE")
  logger.info(`import: analyzed the database in ${secondsSince(started)} s`)
  if (args.includes("--no-refresh")) {
    logger.info("import: --no-refresh: segment facts and co-purchase counts not refreshed")
    return
  }
  if (container.hasRegistration(SEGMENT_MODULE)) {
    const t0 = Date.now()
    await container.resolve<SegmentModuleService>(SEGMENT_MODULE).syncMissingOrderFacts()
    logger.info(`import: segment order facts caught up in ${secondsSince(t0)} s`)
  }
  if (container.hasRegistration(RECOMMENDATION_MODULE)) {
    const t0 = Date.now()
    const { result } = await rebuildProductAffinityWorkflow(container).run()
    logger.info(
      `import: co-purchase counts rebuilt in ${secondsSince(t0)} s ` +
        `(${result.pairs} product pairs from ${result.orders} orders)`
    )
  }
}
