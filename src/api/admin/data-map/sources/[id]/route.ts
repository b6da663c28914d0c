import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteDataSourceWorkflow, updateDataSourceWorkflow } from "../../../../../workflows/plan/data-sources"
import type { AdminDataSourceResponse } from "../../../../../types/plan"
import type { Served } from "../../../../../types/served"
import { retrieveDataSource } from "../../helpers"
import { AdminUpdateDataSourceType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({
    data_source: await retrieveDataSource(req.scope, req.params.id),
  } satisfies Served<AdminDataSourceResponse>)
}

/** Update a declared system (a sync, a change of owner...); each change is logged. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateDataSourceType>, res: MedusaResponse) => {
  await retrieveDataSource(req.scope, req.params.id)
  const { reason, ...update } = req.validatedBody
  await updateDataSourceWorkflow(req.scope).run({
    input: { id: req.params.id, update, actor_id: req.auth_context?.actor_id ?? null, reason: reason ?? null },
  })
  res.json({
    data_source: await retrieveDataSource(req.scope, req.params.id),
  } satisfies Served<AdminDataSourceResponse>)
}

/** Delete a declared system no requirement names (`?reason=` goes to the decision log). */
export const DELETE = async (req: AuthenticatedMedusaRequest<unknown, { reason?: string }>, res: MedusaResponse) => {
  await retrieveDataSource(req.scope, req.params.id)
  await deleteDataSourceWorkflow(req.scope).run({
    input: {
      id: req.params.id,
      actor_id: req.auth_context?.actor_id ?? null,
      reason: req.validatedQuery.reason ?? null,
    },
  })
  res.json({ id: req.params.id, object: "data_source", deleted: true })
}
