import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { evaluateCustomersStep, evaluateSegmentStep } from "./steps/evaluate-segment"

export const evaluateSegmentWorkflowId = "evaluate-segment"

/** Re-evaluates one segment now and materializes its membership atomically. */
export const evaluateSegmentWorkflow = createWorkflow(evaluateSegmentWorkflowId, (id: string) => {
  return new WorkflowResponse(evaluateSegmentStep(id))
})

export const evaluateSegmentCustomersWorkflowId = "evaluate-segment-customers"

/** Re-evaluates the customers touched by an order or profile change against every active segment. */
export const evaluateSegmentCustomersWorkflow = createWorkflow(
  evaluateSegmentCustomersWorkflowId,
  (input: { customer_ids?: string[]; order_id?: string }) => {
    return new WorkflowResponse(evaluateCustomersStep(input))
  }
)
