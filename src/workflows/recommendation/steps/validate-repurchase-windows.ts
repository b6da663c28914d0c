import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type RepurchaseWindowInput = { product_id: string; repurchase_window_days: number }

export type RepurchaseWindowUpdate = {
  id: string
  metadata: Record<string, unknown>
  from: number | null
  to: number
}

export const validateRepurchaseWindowsStepId = "validate-repurchase-windows"

/**
 * Checks every product exists (one NOT_FOUND naming each missing id) and prepares its metadata
 * update: `repurchase_window_days` set, every other metadata key kept. Reads only.
 */
export const validateRepurchaseWindowsStep = createStep(
  validateRepurchaseWindowsStepId,
  async (input: { windows: RepurchaseWindowInput[] }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const ids = input.windows.map((w) => w.product_id)
    const { data } = await query.graph({ entity: "product", fields: ["id", "metadata"], filters: { id: ids } })
    const byId = new Map(
      (data as { id: string; metadata?: Record<string, unknown> | null }[]).map((p) => [p.id, p.metadata ?? {}])
    )
    const missing = ids.filter((id) => !byId.has(id))
    if (missing.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Products not found: ${missing.map((id) => `windows[${ids.indexOf(id)}].product_id ${id}`).join(", ")}`
      )
    }
    const updates: RepurchaseWindowUpdate[] = input.windows.map((w) => {
      const metadata = byId.get(w.product_id)!
      const current = Number(metadata.repurchase_window_days)
      return {
        id: w.product_id,
        metadata: { ...metadata, repurchase_window_days: w.repurchase_window_days },
        from: metadata.repurchase_window_days === undefined || !Number.isFinite(current) ? null : current,
        to: w.repurchase_window_days,
      }
    })
    return new StepResponse(updates)
  }
)
