import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { evaluateSegmentCustomersWorkflow } from "../workflows/segment/evaluate-segment"

/**
 * An order placed or canceled re-evaluates the customers it touches against every
 * active segment. Membership is recomputed from the data, so a replayed event
 * changes nothing.
 */
export default async function segmentOrderHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await evaluateSegmentCustomersWorkflow(container).run({ input: { order_id: event.data.id } })
    const changed = result.results.filter((r) => r.entered || r.exited)
    if (changed.length) {
      logger.info(`segments: order ${event.data.id} changed ${changed.length} segment membership(s)`)
    }
    for (const failed of result.results.filter((r) => r.error)) {
      logger.warn(
        `segments: segment ${failed.segment_id} could not be evaluated after ${event.name} ${event.data.id}: ${failed.error}`
      )
    }
  } catch (e) {
    logger.error(`segments: re-evaluating after ${event.name} ${event.data.id} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: ["order.placed", "order.canceled"],
  context: { subscriberId: "segment-order-membership" },
}
