import { updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { decisionEntry, logDecisionStep } from "../decision-log"
import { RepurchaseWindowInput, validateRepurchaseWindowsStep } from "./steps/validate-repurchase-windows"

export const applyRepurchaseWindowsWorkflowId = "apply-repurchase-windows"

export type ApplyRepurchaseWindowsInput = {
  windows: RepurchaseWindowInput[]
  actor_id?: string | null
  reason?: string | null
}

/**
 * Sets products' `metadata.repurchase_window_days` (the window the `buy_again` placement and the
 * `already_bought` filter read), keeping their other metadata, through Medusa's
 * `updateProductsWorkflow` (its own compensation restores the products), and logs one decision per
 * product with the window before and after. The `windowsApplied` hook gets the updates.
 */
export const applyRepurchaseWindowsWorkflow = createWorkflow(
  applyRepurchaseWindowsWorkflowId,
  (input: ApplyRepurchaseWindowsInput) => {
    const updates = validateRepurchaseWindowsStep({ windows: input.windows })
    const productsInput = transform({ updates }, ({ updates }) => ({
      products: updates.map((u) => ({ id: u.id, metadata: u.metadata })),
    }))
    updateProductsWorkflow.runAsStep({ input: productsInput })
    const entries = transform({ updates, input }, ({ updates, input }) =>
      updates.map((u) =>
        decisionEntry(
          "product",
          u.id,
          "repurchase_window_set",
          { actor_id: input.actor_id, reason: input.reason ?? "accepted the detected repurchase window" },
          { repurchase_window_days: { from: u.from, to: u.to } }
        )
      )
    )
    logDecisionStep(entries)
    const windowsApplied = createHook("windowsApplied", { updates })
    return new WorkflowResponse(updates, { hooks: [windowsApplied] })
  }
)
