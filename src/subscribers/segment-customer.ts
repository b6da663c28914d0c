import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { evaluateSegmentCustomersWorkflow } from "../workflows/segment/evaluate-segment"

/** A created or updated customer is re-evaluated against every active segment (idempotent). */
export default async function segmentCustomerHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await evaluateSegmentCustomersWorkflow(container).run({
      input: { customer_ids: [event.data.id] },
    })
    for (const failed of result.results.filter((r) => r.error)) {
      logger.warn(
        `segments: segment ${failed.segment_id} could not be evaluated after ${event.name} ${event.data.id}: ${failed.error}`
      )
    }
  } catch (e) {
    logger.error(
      `segments: re-evaluating customer ${event.data.id} after ${event.name} failed: ${(e as Error).message}`
    )
  }
}

export const config: SubscriberConfig = {
  event: ["customer.created", "customer.updated"],
  context: { subscriberId: "segment-customer-membership" },
}
