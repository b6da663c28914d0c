import { updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { decisionEntry, logDecisionStep } from "../decision-log"
import {
  CategoryRepurchaseWindowInput,
  RepurchaseWindowInput,
  validateRepurchaseWindowsStep,
} from "./steps/validate-repurchase-windows"
import { updateCategoryMetadataStep } from "./steps/update-category-metadata"

export const applyRepurchaseWindowsWorkflowId = "apply-repurchase-windows"

export type ApplyRepurchaseWindowsInput = {
  windows?: RepurchaseWindowInput[]
  category_windows?: CategoryRepurchaseWindowInput[]
  actor_id?: string | null
  reason?: string | null
}

/**
 * Sets products' and categories' `metadata.repurchase_window_days` (the window the `buy_again`
 * placement and the `already_bought` filter read; a category's serves its products without their
 * own), keeping their other metadata: products through Medusa's `updateProductsWorkflow` (its own
 * compensation restores them), categories through the product module (compensation restores their
 * metadata). One decision per product or category with the window before and after. The
 * `windowsApplied` hook gets the updates.
 */
export const applyRepurchaseWindowsWorkflow = createWorkflow(
  applyRepurchaseWindowsWorkflowId,
  (input: ApplyRepurchaseWindowsInput) => {
    const updates = validateRepurchaseWindowsStep({
      windows: input.windows,
      category_windows: input.category_windows,
    })
    when({ updates }, ({ updates }) => updates.products.length > 0).then(() => {
      const productsInput = transform({ updates }, ({ updates }) => ({
        products: updates.products.map((u) => ({ id: u.id, metadata: u.metadata })),
      }))
      updateProductsWorkflow.runAsStep({ input: productsInput })
    })
    when({ updates }, ({ updates }) => updates.categories.length > 0).then(() => {
      const categoriesInput = transform({ updates }, ({ updates }) =>
        updates.categories.map((u) => ({ id: u.id, metadata: u.metadata }))
      )
      updateCategoryMetadataStep(categoriesInput)
    })
    const entries = transform({ updates, input }, ({ updates, input }) => {
      const meta = { actor_id: input.actor_id, reason: input.reason ?? "accepted the detected repurchase window" }
      return [
        ...updates.products.map((u) => ({ type: "product", u })),
        ...updates.categories.map((u) => ({ type: "product_category", u })),
      ].map(({ type, u }) =>
        decisionEntry(type, u.id, "repurchase_window_set", meta, {
          repurchase_window_days: { from: u.from, to: u.to },
        })
      )
    })
    logDecisionStep(entries)
    const windowsApplied = createHook("windowsApplied", { updates })
    return new WorkflowResponse(updates, { hooks: [windowsApplied] })
  }
)
