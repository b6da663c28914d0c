import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, OrderEditWorkflowEvents, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { refreshAuditOrderLinesWorkflow } from "../workflows/data-audit/refresh-audit-order-lines"
import { OrderEventData, orderIdsOf } from "../modules/data_audit/utils/order-event"

/**
 * Keeps the audit read model current: an order placed, changed, canceled, edited, claimed,
 * exchanged, returned or fulfilled (each a new order version or new order columns) gets its
 * rows rewritten. Idempotent; an order whose event is lost is caught up by the next audit's sync.
 */
export default async function dataAuditOrderHandler({
  event,
  container,
}: SubscriberArgs<OrderEventData | OrderEventData[]>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const orderIds = orderIdsOf(event.data)
  if (!orderIds.length) {
    return
  }
  try {
    await refreshAuditOrderLinesWorkflow(container).run({ input: { order_ids: orderIds } })
  } catch (e) {
    logger.error(
      `data audit: could not refresh order ${orderIds.join(", ")} after ${event.name}: ${(e as Error).message}`
    )
  }
}

export const config: SubscriberConfig = {
  event: [
    OrderWorkflowEvents.PLACED,
    OrderWorkflowEvents.UPDATED,
    OrderWorkflowEvents.CANCELED,
    OrderWorkflowEvents.COMPLETED,
    OrderWorkflowEvents.ARCHIVED,
    OrderWorkflowEvents.FULFILLMENT_CREATED,
    OrderWorkflowEvents.FULFILLMENT_CANCELED,
    OrderWorkflowEvents.RETURN_REQUESTED,
    OrderWorkflowEvents.RETURN_RECEIVED,
    OrderWorkflowEvents.CLAIM_CREATED,
    OrderWorkflowEvents.EXCHANGE_CREATED,
    OrderWorkflowEvents.TRANSFER_REQUESTED,
    OrderEditWorkflowEvents.CONFIRMED,
  ],
  context: { subscriberId: "data-audit-order-lines" },
}
