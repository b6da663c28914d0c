import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { evaluateActiveSegmentsWorkflow } from "../workflows/segment/evaluate-segment"
import { scheduleFromEnv } from "../utils/job-schedule"

/**
 * Re-evaluates every active segment (each atomically; a failing one is marked and skipped) so time
 * windows stay current; membership events and group syncs follow (evaluateActiveSegmentsWorkflow).
 */
export default async function segmentEvaluateJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const started = Date.now()
  const { result: results } = await evaluateActiveSegmentsWorkflow(container).run()
  const ok = results.filter((r) => !r.error)
  logger.info(
    `segments: re-evaluated ${ok.length} active segment(s) in ${Date.now() - started} ms (${ok
      .map((r) => `${r.segment_id}: +${r.entered} -${r.exited} = ${r.member_count}`)
      .join(", ")})`
  )
  for (const failed of results.filter((r) => r.error)) {
    logger.warn(
      `segments: segment ${failed.segment_id} could not be evaluated (kept its membership; retried next run): ${failed.error}`
    )
  }
}

export const config = {
  name: "segment-evaluate-active",
  // A bad value stops startup naming the variable (Medusa requires this file while loading jobs).
  schedule: scheduleFromEnv("SEGMENT_EVALUATE_SCHEDULE", "15 * * * *"),
}
