import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createSegmentWorkflow } from "../../../workflows/segment/create-segment"
import { retrieveSegmentOr404, segmentService, toHandle } from "./helpers"
import { AdminCreateSegmentType, AdminGetSegmentsType } from "./validators"

/** List segments with member counts and when they were last evaluated. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetSegmentsType>, res: MedusaResponse) => {
  const { limit, offset, q, status, customer_id } = req.validatedQuery as AdminGetSegmentsType
  if (customer_id) {
    const mine = await segmentService(req.scope).listCustomerSegments(customer_id)
    const page = mine.filter((s) => !status || s.status === status).slice(offset, offset + limit)
    res.json({ segments: page, count: mine.length, offset, limit })
    return
  }
  const filters: Record<string, unknown> = {}
  if (status) {
    filters.status = status
  }
  if (q) {
    filters.q = q
  }
  const [segments, count] = await segmentService(req.scope).listAndCountSegments(filters, {
    skip: offset,
    take: limit,
    order: { priority: "DESC", created_at: "DESC" },
  })
  res.json({ segments, count, offset, limit })
}

/** Create a segment; the rule tree is validated on write (400 naming each bad path). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateSegmentType>, res: MedusaResponse) => {
  const { reason, ...body } = req.validatedBody
  const { result } = await createSegmentWorkflow(req.scope).run({
    input: {
      segment: { ...body, handle: body.handle ?? toHandle(body.name) },
      actor_id: req.auth_context?.actor_id ?? null,
      reason: reason ?? null,
    },
  })
  res.status(201).json({ segment: await retrieveSegmentOr404(req.scope, result.id) })
}
