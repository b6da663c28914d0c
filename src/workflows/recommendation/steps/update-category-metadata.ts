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
    const previous: { id: string; metadata: Record<string, unknown> | null }[] = []
    for (const c of input) {
      const [before] = await products.listProductCategories({ id: c.id }, { select: ["id", "metadata"] })
      previous.push({ id: c.id, metadata: (before?.metadata as Record<string, unknown> | null) ?? null })
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
