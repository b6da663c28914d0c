import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/**
 * Emits `order.placed` again for the orders in SCALE_REPLAY_ORDERS (comma-separated ids) on the
 * store's event bus: a duplicate delivery, as a retried or redelivered event would be. Run by
 * `npm run test:scale` with MEDUSA_WORKER_MODE=server, so only the store's worker consumes them.
 */
export default async function replayOrderPlaced({ container }: ExecArgs) {
  const ids = (process.env.SCALE_REPLAY_ORDERS ?? "").split(",").filter(Boolean)
  await container.resolve(Modules.EVENT_BUS).emit(ids.map((id) => ({ name: "order.placed", data: { id } })))
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(`scale replay: emitted order.placed for ${ids.length} order(s)`)
}
