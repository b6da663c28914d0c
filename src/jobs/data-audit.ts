import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { startDataAudit } from "../workflows/data-audit/start-data-audit"
import { scheduleFromEnv } from "../utils/job-schedule"

/** Nightly data audit, so the admin shows a trend without anyone pressing "run audit". */
export default async function dataAuditJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const run = await startDataAudit(container, { trigger: "job", wait: true })
  logger.info(`Data audit ${run.id} completed: score ${run.score ?? "-"}`)
}

export const config = {
  name: "personalization-data-audit",
  // A bad value stops startup naming the variable (Medusa requires this file while loading jobs).
  schedule: scheduleFromEnv("DATA_AUDIT_SCHEDULE", "0 3 * * *"),
}
