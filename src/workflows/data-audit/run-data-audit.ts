import { createHook, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { executeAuditRunStep } from "./steps/execute-audit-run"

export const runDataAuditWorkflowId = "run-data-audit"

/** Runs every check for a pending audit run; the `auditCompleted` hook receives the finished run. */
export const runDataAuditWorkflow = createWorkflow(runDataAuditWorkflowId, (input: { run_id: string }) => {
  const run = executeAuditRunStep(input)
  const auditCompleted = createHook("auditCompleted", { run })
  return new WorkflowResponse(run, { hooks: [auditCompleted] })
})
