import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SEGMENT_MODULE } from "../modules/segment"
import SegmentModuleService from "../modules/segment/service"

/**
 * Nightly rebuild of the segment read model `segment_order_fact`, so changes made
 * without events (SQL imports, edits) cannot drift for more than a day.
 */
export default async function segmentOrderFactsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  const { orders, changed, took_ms } = await service.rebuildOrderFacts()
  logger.info(`segments: rebuilt order facts for ${orders} order(s) in ${took_ms} ms, ${changed} row(s) written`)
}

export const config = {
  name: "segment-order-facts-rebuild",
  schedule: "40 3 * * *",
}
