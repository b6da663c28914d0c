import type { IWorkflowEngineService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { DATA_AUDIT_MODULE } from "../../modules/data_audit"
import type DataAuditModuleService from "../../modules/data_audit/service"
import { createAuditRunWorkflow } from "./create-audit-run"
import { runDataAuditWorkflowId } from "./run-data-audit"
import type { CreateAuditRunStepInput } from "./steps/create-audit-run"
import { errorMessage, failPendingAuditRun } from "./steps/fail-pending-audit-run"

type Finish = { errors?: { error?: unknown }[] }

/**
 * Creates a pending audit run, then starts `runDataAuditWorkflow` for it through the workflow
 * engine (transaction id `run-data-audit-<run id>`), which tracks it to its end: the run ends
 * completed, or failed with its error (also when it fails before its checks start). Without `wait` (the admin) it returns the pending run at
 * once; progress is on the run (`checks_done`/`checks_total`). With `wait` (CLI, job) it resolves
 * with the finished run, or rejects with the workflow's first error.
 */
export async function startDataAudit(container: MedusaContainer, input: CreateAuditRunStepInput & { wait?: boolean }) {
  const { result: created } = await createAuditRunWorkflow(container).run({
    input: { trigger: input.trigger, options: input.options },
  })
  const engine = container.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE)
  const transactionId = `${runDataAuditWorkflowId}-${created.id}`
  let finished: Promise<Finish> | undefined
  if (input.wait) {
    // Subscribed before the run starts, so even a run that finishes at once is seen.
    let resolveFinish: (event: Finish) => void = () => undefined
    finished = new Promise<Finish>((resolve) => (resolveFinish = resolve))
    await engine.subscribe({
      workflowId: runDataAuditWorkflowId,
      transactionId,
      subscriber: (event: { eventType: string } & Finish) => {
        if (event.eventType === "onFinish") {
          resolveFinish(event)
        }
      },
    })
  }
  try {
    await engine.run(runDataAuditWorkflowId, {
      input: { run_id: created.id },
      transactionId,
      throwOnError: false,
      logOnError: true,
    })
  } catch (e) {
    // The engine could not start the workflow at all: no step ran, so no compensation ends the run.
    await failPendingAuditRun(container, { run_id: created.id, error: errorMessage(e) })
    throw e
  }
  if (!finished) {
    return created
  }
  const { errors } = await finished
  const first = errors?.[0]?.error
  if (first) {
    throw first instanceof Error ? first : new Error(String((first as { message?: unknown }).message ?? first))
  }
  const service: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
  return await service.retrieveAuditRun(created.id)
}
