import type { ExecArgs, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { formatImportSummary, importOrderLines } from "../lib/import/import-orders"

/**
 * `npx medusa exec ./src/scripts/import-orders.ts <file.csv[.gz]> [--batch-size=500]`
 * Imports order lines as docs/data-contract.md describes; exits non-zero on a malformed file.
 */
export default async function importOrders({ container, args }: ExecArgs) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const file = args.find((a) => !a.startsWith("--"))
  if (!file) {
    throw new Error("usage: medusa exec ./src/scripts/import-orders.ts <file.csv|file.csv.gz> [--batch-size=500]")
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
  logger.info(`import: analyzed the database in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
