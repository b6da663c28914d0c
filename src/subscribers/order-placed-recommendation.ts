import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { recordOrderAffinityWorkflow } from "../workflows/recommendation/rebuild-product-affinity"

/** Keeps co-purchase counts current: each placed order is counted once. */
export default async function orderPlacedRecommendationHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await recordOrderAffinityWorkflow(container).run({ input: { order_id: data.id } })
  } catch (e) {
    logger.error(`recommendation: could not record order ${data.id}: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: "order.placed",
}
