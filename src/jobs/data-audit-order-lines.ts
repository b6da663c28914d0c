import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { rebuildAuditOrderLinesWorkflow } from "../workflows/data-audit/refresh-audit-order-lines"

/**
 * Nightly rebuild of the audit read model before the nightly audit, so changes no event and no
 * order column reveal (lines rewritten by SQL) cannot drift for more than a day.
 */
export default async function dataAuditOrderLinesJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result } = await rebuildAuditOrderLinesWorkflow(container).run()
  logger.info(`data audit: rebuilt the order line read model (${result.orders} orders) in ${result.took_ms} ms`)
}

export const config = {
  name: "data-audit-order-lines-rebuild",
  schedule: "40 2 * * *",
}
