import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createAuditRunWorkflow } from "./create-audit-run"
import { runDataAuditWorkflow } from "./run-data-audit"
import type { CreateAuditRunStepInput } from "./steps/create-audit-run"

/**
 * Creates an audit run and runs it. With `wait: false` (the admin) it returns the pending run at
 * once and the checks run in the background; progress is on the run (`checks_done`/`checks_total`).
 */
export async function startDataAudit(container: MedusaContainer, input: CreateAuditRunStepInput & { wait?: boolean }) {
  const { result: created } = await createAuditRunWorkflow(container).run({
    input: { trigger: input.trigger, options: input.options },
  })
  const execution = runDataAuditWorkflow(container)
    .run({ input: { run_id: created.id } })
    .then(({ result }) => result)
  if (input.wait) {
    return await execution
  }
  execution.catch((e) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    logger.error(`Data audit run ${created.id} failed: ${e instanceof Error ? e.message : String(e)}`)
  })
  return created
}
