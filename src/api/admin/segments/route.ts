import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createSegmentWorkflow } from "../../../workflows/segment/create-segment"
import { asStoredSegments, retrieveSegmentOr404, segmentService, toHandle } from "./helpers"
import { AdminCreateSegmentType, AdminGetSegmentsType } from "./validators"
import type { Served } from "../../../types/served"
import type {
  AdminCustomerSegmentListResponse,
  AdminSegmentListResponse,
  AdminSegmentResponse,
} from "../../../types/segments"

/** List segments with member counts and when they were last evaluated. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetSegmentsType>, res: MedusaResponse) => {
  const { limit, offset, q, id, status, customer_id } = req.validatedQuery as AdminGetSegmentsType
  const statuses: string[] | null = status === undefined ? null : [status].flat()
  if (customer_id) {
    const mine = await segmentService(req.scope).listCustomerSegments(customer_id)
    const ids = id === undefined ? null : [id].flat()
    const matching = mine.filter((s) => (!statuses || statuses.includes(s.status)) && (!ids || ids.includes(s.id)))
    res.json({
      segments: matching.slice(offset, offset + limit),
      count: matching.length,
      offset,
      limit,
    } satisfies Served<AdminCustomerSegmentListResponse>)
    return
  }
  const filters: Record<string, unknown> = {}
  if (statuses) {
    filters.status = statuses
  }
  if (id !== undefined) {
    filters.id = [id].flat()
  }
  if (q) {
    filters.q = q
  }
  const [segments, count] = await segmentService(req.scope).listAndCountSegments(filters, {
    skip: offset,
    take: limit,
    order: { priority: "DESC", created_at: "DESC" },
  })
  res.json({ segments: asStoredSegments(segments), count, offset, limit } satisfies Served<AdminSegmentListResponse>)
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
  res
    .status(201)
    .json({ segment: await retrieveSegmentOr404(req.scope, result.id) } satisfies Served<AdminSegmentResponse>)
}
