import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateRequirementWorkflow } from "../../../../workflows/plan/update-requirement"
import { deleteRequirementWorkflow } from "../../../../workflows/plan/delete-requirement"
import type { AdminRequirementResponse } from "../../../../types/plan"
import type { Served } from "../../../../types/served"
import { retrieveRequirement } from "../helpers"
import { AdminUpdateRequirementType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({
    requirement: await retrieveRequirement(req.scope, req.params.id),
  } satisfies Served<AdminRequirementResponse>)
}

/** Update a requirement (`links` replaces its links); every change is logged with who and why. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateRequirementType>, res: MedusaResponse) => {
  await retrieveRequirement(req.scope, req.params.id)
  const { reason, links, ...update } = req.validatedBody
  await updateRequirementWorkflow(req.scope).run({
    input: { id: req.params.id, update, links, actor_id: req.auth_context?.actor_id ?? null, reason: reason ?? null },
  })
  res.json({
    requirement: await retrieveRequirement(req.scope, req.params.id),
  } satisfies Served<AdminRequirementResponse>)
}

/** Delete a requirement and its links (`?reason=` goes to the decision log). */
export const DELETE = async (req: AuthenticatedMedusaRequest<unknown, { reason?: string }>, res: MedusaResponse) => {
  await retrieveRequirement(req.scope, req.params.id)
  await deleteRequirementWorkflow(req.scope).run({
    input: {
      id: req.params.id,
      actor_id: req.auth_context?.actor_id ?? null,
      reason: req.validatedQuery.reason ?? null,
    },
  })
  res.json({ id: req.params.id, object: "requirement", deleted: true })
}
