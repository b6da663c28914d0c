import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { metadataWindow } from "../../../utils/repurchase"

export type RepurchaseWindowInput = { product_id: string; repurchase_window_days: number }
export type CategoryRepurchaseWindowInput = { category_id: string; repurchase_window_days: number }

/** A product's or category's metadata with `repurchase_window_days` set, and the window before and after. */
export type RepurchaseWindowUpdate = {
  id: string
  metadata: Record<string, unknown>
  from: number | null
  to: number
}

export const validateRepurchaseWindowsStepId = "validate-repurchase-windows"

type Row = { id: string; metadata?: Record<string, unknown> | null }

/** Each target's metadata update, or the ids that do not exist (named by their place in the body). */
async function prepare(
  container: MedusaContainer,
  entity: "product" | "product_category",
  field: "windows" | "category_windows",
  key: "product_id" | "category_id",
  targets: { id: string; to: number }[]
): Promise<{ updates: RepurchaseWindowUpdate[]; missing: string[] }> {
  if (!targets.length) return { updates: [], missing: [] }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const ids = targets.map((t) => t.id)
  const { data } = await query.graph({ entity, fields: ["id", "metadata"], filters: { id: ids } })
  const byId = new Map((data as Row[]).map((r) => [r.id, r.metadata ?? {}]))
  const missing = ids.filter((id) => !byId.has(id)).map((id) => `${field}[${ids.indexOf(id)}].${key} ${id}`)
  const updates = targets
    .filter((t) => byId.has(t.id))
    .map((t) => {
      const metadata = byId.get(t.id)!
      return {
        id: t.id,
        metadata: { ...metadata, repurchase_window_days: t.to },
        from: metadataWindow(metadata.repurchase_window_days),
        to: t.to,
      }
    })
  return { updates, missing }
}

/**
 * Checks every product and category exists (one NOT_FOUND naming each missing id) and prepares
 * their metadata updates: `repurchase_window_days` set, every other metadata key kept. Reads only.
 */
export const validateRepurchaseWindowsStep = createStep(
  validateRepurchaseWindowsStepId,
  async (
    input: { windows?: RepurchaseWindowInput[]; category_windows?: CategoryRepurchaseWindowInput[] },
    { container }
  ) => {
    const products = await prepare(
      container,
      "product",
      "windows",
      "product_id",
      (input.windows ?? []).map((w) => ({ id: w.product_id, to: w.repurchase_window_days }))
    )
    const categories = await prepare(
      container,
      "product_category",
      "category_windows",
      "category_id",
      (input.category_windows ?? []).map((w) => ({ id: w.category_id, to: w.repurchase_window_days }))
    )
    const missing = [...products.missing, ...categories.missing]
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Not found: ${missing.join(", ")}`)
    }
    return new StepResponse({ products: products.updates, categories: categories.updates })
  }
)
