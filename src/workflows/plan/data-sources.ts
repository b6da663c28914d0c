import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { DataSourceWrite } from "../../modules/plan/types"
import { logDecisionStep } from "../decision-log/steps/log-decision"
import { createDataSourceStep } from "./steps/create-data-source"
import { deleteDataSourceStep } from "./steps/delete-data-source"
import { updateDataSourceStep } from "./steps/update-data-source"

type Who = { actor_id?: string | null; reason?: string | null }

const entry = (id: string, action: string, who: Who, diff: Record<string, unknown>) => ({
  entity_type: "data_source",
  entity_id: id,
  action,
  actor_id: who.actor_id ?? null,
  reason: who.reason ?? null,
  diff,
})

export const createDataSourceWorkflowId = "create-data-source"

/** Declares an external system (POS, CRM...) on the data map and logs who and why. */
export const createDataSourceWorkflow = createWorkflow(
  createDataSourceWorkflowId,
  (input: { data_source: DataSourceWrite } & Who) => {
    const source = createDataSourceStep(input.data_source)
    logDecisionStep(
      transform({ input, source }, ({ input, source }) => [
        entry(source.id, "created", input, {
          name: source.name,
          reaches_medusa: source.reaches_medusa,
          holds: source.holds,
        }),
      ])
    )
    return new WorkflowResponse(source)
  }
)

export const updateDataSourceWorkflowId = "update-data-source"

/** Updates a declared system and logs each change (from -> to). */
export const updateDataSourceWorkflow = createWorkflow(
  updateDataSourceWorkflowId,
  (input: { id: string; update: DataSourceWrite } & Who) => {
    const result = updateDataSourceStep(transform({ input }, ({ input }) => ({ id: input.id, update: input.update })))
    const entries = transform({ input, result }, ({ input, result }) => {
      const prev: Record<string, unknown> = result.previous
      const next: Record<string, unknown> = result.data_source
      const diff: Record<string, unknown> = {}
      const norm = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : (v ?? null))
      for (const k of Object.keys(input.update)) {
        if (norm(prev[k]) !== norm(next[k])) diff[k] = { from: prev[k] ?? null, to: next[k] ?? null }
      }
      return Object.keys(diff).length ? [entry(input.id, "updated", input, diff)] : []
    })
    when({ entries }, ({ entries }) => entries.length > 0).then(() => {
      logDecisionStep(entries)
    })
    return new WorkflowResponse(result.data_source)
  }
)

export const deleteDataSourceWorkflowId = "delete-data-source"

/** Deletes a declared system no requirement names, and logs who and why. */
export const deleteDataSourceWorkflow = createWorkflow(deleteDataSourceWorkflowId, (input: { id: string } & Who) => {
  const source = deleteDataSourceStep(input.id)
  logDecisionStep(
    transform({ input, source }, ({ input, source }) => [entry(input.id, "deleted", input, { name: source.name })])
  )
  return new WorkflowResponse({ id: input.id })
})
