import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SEGMENT_MODULE } from "../modules/segment"
import SegmentModuleService from "../modules/segment/service"

/** Re-evaluates every active segment (each atomically) so time windows stay current. */
export default async function segmentEvaluateJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  const started = Date.now()
  const results = await service.evaluateActiveSegments()
  logger.info(
    `segments: re-evaluated ${results.length} active segment(s) in ${Date.now() - started} ms (${results
      .map((r) => `${r.segment_id}: +${r.entered} -${r.exited} = ${r.member_count}`)
      .join(", ")})`
  )
}

export const config = {
  name: "segment-evaluate-active",
  schedule: process.env.SEGMENT_EVALUATE_SCHEDULE || "15 * * * *",
}
