import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateObjectiveWorkflow } from "../../../../workflows/objective/update-objective"
import { deleteObjectiveWorkflow } from "../../../../workflows/objective/delete-objective"
import { AdminUpdateObjectiveType } from "../validators"
import { retrieveObjectiveWithLinks } from "../helpers"
import type { Served } from "../../../../types/served"
import type { AdminObjectiveResponse } from "../../../../types/objectives"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({
    objective: await retrieveObjectiveWithLinks(req.scope, req.params.id),
  } satisfies Served<AdminObjectiveResponse>)
}

/** Update an objective; every change is logged with who and why. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateObjectiveType>, res: MedusaResponse) => {
  await retrieveObjectiveWithLinks(req.scope, req.params.id)
  const { reason, ...update } = req.validatedBody
  await updateObjectiveWorkflow(req.scope).run({
    input: { id: req.params.id, update, actor_id: req.auth_context?.actor_id ?? null, reason: reason ?? null },
  })
  res.json({
    objective: await retrieveObjectiveWithLinks(req.scope, req.params.id),
  } satisfies Served<AdminObjectiveResponse>)
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await retrieveObjectiveWithLinks(req.scope, req.params.id)
  const reason = typeof req.query.reason === "string" ? req.query.reason : null
  await deleteObjectiveWorkflow(req.scope).run({
    input: { id: req.params.id, actor_id: req.auth_context?.actor_id ?? null, reason },
  })
  res.json({ id: req.params.id, object: "objective", deleted: true })
}
