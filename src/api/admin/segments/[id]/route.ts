import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteSegmentWorkflow } from "../../../../workflows/segment/delete-segment"
import { updateSegmentWorkflow } from "../../../../workflows/segment/update-segment"
import { retrieveSegmentOr404 } from "../helpers"
import { AdminUpdateSegmentType } from "../validators"
import type { Served } from "../../../../types/served"
import type { AdminSegmentResponse } from "../../../../types/segments"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ segment: await retrieveSegmentOr404(req.scope, req.params.id) } satisfies Served<AdminSegmentResponse>)
}

/** Update a segment; every edit is versioned with who made it. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateSegmentType>, res: MedusaResponse) => {
  const { reason, ...data } = req.validatedBody
  await updateSegmentWorkflow(req.scope).run({
    input: { id: req.params.id, data, actor_id: req.auth_context?.actor_id ?? null, reason: reason ?? null },
  })
  res.json({ segment: await retrieveSegmentOr404(req.scope, req.params.id) } satisfies Served<AdminSegmentResponse>)
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const reason = typeof req.query.reason === "string" ? req.query.reason : null
  await deleteSegmentWorkflow(req.scope).run({
    input: { id: req.params.id, actor_id: req.auth_context?.actor_id ?? null, reason },
  })
  res.json({ id: req.params.id, object: "segment", deleted: true })
}
