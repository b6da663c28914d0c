import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const updateCategoryMetadataStepId = "update-category-metadata"

/**
 * Sets product categories' metadata through the product module (Medusa's
 * `updateProductCategoriesWorkflow` applies one update to every selected category; each category
 * here gets its own). Compensation writes each category's previous metadata back.
 */
export const updateCategoryMetadataStep = createStep(
  updateCategoryMetadataStepId,
  async (input: { id: string; metadata: Record<string, unknown> }[], { container }) => {
    const products = container.resolve(Modules.PRODUCT)
    const before = await products.listProductCategories(
      { id: input.map((c) => c.id) },
      { select: ["id", "metadata"], take: null }
    )
    const metadataOf = new Map(before.map((c) => [c.id, (c.metadata as Record<string, unknown> | null) ?? null]))
    const previous: { id: string; metadata: Record<string, unknown> | null }[] = []
    for (const c of input) {
      previous.push({ id: c.id, metadata: metadataOf.get(c.id) ?? null })
      await products.updateProductCategories(c.id, { metadata: c.metadata })
    }
    return new StepResponse(undefined, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    const products = container.resolve(Modules.PRODUCT)
    for (const c of previous) {
      await products.updateProductCategories(c.id, { metadata: c.metadata ?? {} })
    }
  }
)
