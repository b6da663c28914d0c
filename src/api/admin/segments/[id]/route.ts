import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteSegmentWorkflow } from "../../../../workflows/segment/delete-segment"
import { updateSegmentWorkflow } from "../../../../workflows/segment/update-segment"
import { retrieveSegmentOr404 } from "../helpers"
import { AdminUpdateSegmentType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ segment: await retrieveSegmentOr404(req.scope, req.params.id) })
}

/** Update a segment; every edit is versioned with who made it. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateSegmentType>, res: MedusaResponse) => {
  await retrieveSegmentOr404(req.scope, req.params.id)
  await updateSegmentWorkflow(req.scope).run({
    input: { id: req.params.id, data: req.validatedBody, actor_id: req.auth_context?.actor_id ?? null },
  })
  res.json({ segment: await retrieveSegmentOr404(req.scope, req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteSegmentWorkflow(req.scope).run({ input: req.params.id })
  res.json({ id: req.params.id, object: "segment", deleted: true })
}
