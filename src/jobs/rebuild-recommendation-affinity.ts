import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refreshProductAffinityWorkflow } from "../workflows/recommendation/rebuild-product-affinity"

/**
 * Nightly co-purchase update: recounts the customers whose orders changed since the previous pass
 * (cancellations, edits, deletions and orders whose event was missed), with a full rebuild every
 * `affinity_full_rebuild_days` days.
 */
export default async function rebuildRecommendationAffinityJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result } = await refreshProductAffinityWorkflow(container).run()
  logger.info(
    result.kind === "full"
      ? `recommendation: product affinity rebuilt (${result.pairs} pairs, ${result.orders} orders)`
      : `recommendation: product affinity updated: ${result.customers} customers with orders changed since ` +
          `${result.since}, ${result.changed} histories changed, ${result.rows} rows written`
  )
}

export const config = {
  name: "rebuild-recommendation-affinity",
  schedule: "30 3 * * *",
}
