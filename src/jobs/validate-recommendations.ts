import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { validateRecommendationsWorkflow } from "../workflows/recommendation/validate-recommendations"

/** Nightly validation of the recommendation candidates, after the co-purchase rebuild (03:30). */
export default async function validateRecommendationsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result, errors } = await validateRecommendationsWorkflow(container).run({
    input: { trigger: "job" },
    throwOnError: false,
  })
  if (errors.length) {
    logger.error(`recommendation: validation failed: ${errors.map((e) => e.error?.message ?? e.error).join("; ")}`)
    return
  }
  logger.info(`recommendation: validation ${result.id} chose ${result.chosen}: ${result.reason}`)
}

export const config = {
  name: "validate-recommendations",
  schedule: "0 4 * * *",
}
