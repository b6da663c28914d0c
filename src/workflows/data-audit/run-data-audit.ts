import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { executeAuditRunStep } from "./steps/execute-audit-run"
import { gatherAuditSubjectsStep } from "./steps/gather-audit-subjects"
import { validateAuditRunPendingStep } from "./steps/validate-audit-run-pending"

export const runDataAuditWorkflowId = "run-data-audit"

/**
 * Runs every check for a pending audit run, in the background: the checks step is async with
 * `backgroundExecution`, so `run` returns once it has started and the workflow engine carries the
 * execution to its end (`startDataAudit` subscribes to it when the caller waits). The readiness
 * checks get the segments and objectives gathered from their modules. A failure before the checks
 * start (the run cannot be read, a module's read fails) ends the run as failed with that error. The
 * `auditCompleted` hook receives the finished run.
 */
export const runDataAuditWorkflow = createWorkflow(runDataAuditWorkflowId, (input: { run_id: string }) => {
  validateAuditRunPendingStep(input)
  const subjects = gatherAuditSubjectsStep({ run_id: input.run_id })
  const executeInput = transform({ input, subjects }, ({ input, subjects }) => ({ run_id: input.run_id, subjects }))
  const run = executeAuditRunStep(executeInput).config({ async: true, backgroundExecution: true })
  const auditCompleted = createHook("auditCompleted", { run })
  return new WorkflowResponse(run, { hooks: [auditCompleted] })
})
