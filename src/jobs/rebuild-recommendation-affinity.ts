import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { rebuildProductAffinityWorkflow } from "../workflows/recommendation/rebuild-product-affinity"

/** Nightly full rebuild of co-purchase counts (repairs drift from missed events, cancellations, edits). */
export default async function rebuildRecommendationAffinityJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result } = await rebuildProductAffinityWorkflow(container).run()
  logger.info(`recommendation: product affinity rebuilt (${result.pairs} pairs, ${result.orders} orders)`)
}

export const config = {
  name: "rebuild-recommendation-affinity",
  schedule: "30 3 * * *",
}
