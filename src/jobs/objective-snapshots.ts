import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { OBJECTIVE_MODULE } from "../modules/objective"
import ObjectiveModuleService from "../modules/objective/service"
import { snapshotObjectiveWorkflow } from "../workflows/objective/snapshot-objective"
import { scheduleFromEnv } from "../utils/job-schedule"

/** Daily: measure every active objective (treatment vs holdout, overall and per linked segment). */
export default async function objectiveSnapshotsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
  const objectives = await service.listObjectives({ status: "active" }, { select: ["id"], take: null })
  let failed = 0
  for (const o of objectives) {
    try {
      await snapshotObjectiveWorkflow(container).run({ input: { objective_id: o.id, source: "schedule" } })
    } catch (e) {
      failed++
      logger.error(`objective snapshot failed for ${o.id}: ${(e as Error).message}`)
    }
  }
  logger.info(`objective snapshots: ${objectives.length - failed} of ${objectives.length} active objectives measured`)
}

export const config = {
  name: "objective-snapshots",
  // A bad value stops startup naming the variable (Medusa requires this file while loading jobs).
  schedule: scheduleFromEnv("OBJECTIVE_SNAPSHOT_SCHEDULE", "15 3 * * *"),
}
