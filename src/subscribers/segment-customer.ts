import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { evaluateSegmentCustomersWorkflow } from "../workflows/segment/evaluate-segment"

/** A created or updated customer is re-evaluated against every active segment (idempotent). */
export default async function segmentCustomerHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await evaluateSegmentCustomersWorkflow(container).run({ input: { customer_ids: [event.data.id] } })
  } catch (e) {
    logger.error(`segments: re-evaluating customer ${event.data.id} after ${event.name} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: ["customer.created", "customer.updated"],
  context: { subscriberId: "segment-customer-membership" },
}
