import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from "../modules/recommendation"
import RecommendationModuleService from "../modules/recommendation/service"

/** Deletes served lists older than `serve_retention_days` (one row per recommendation request). */
export default async function recommendationServeCleanupJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
  const deleted = await service.deleteExpiredServes()
  logger.info(
    `recommendation: deleted ${deleted} served list(s) older than ${service.settings.serve_retention_days} days`
  )
}

export const config = {
  name: "recommendation-serve-cleanup",
  schedule: "45 3 * * *",
}
