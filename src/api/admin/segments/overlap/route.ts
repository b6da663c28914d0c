import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { segmentService } from "../helpers"
import type { Served } from "../../../../types/served"
import type { AdminSegmentOverlapResponse } from "../../../../types/segments"

/**
 * Overlap matrix over current memberships: for every pair of segments, the
 * customers in both (the diagonal is each segment's size).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const raw = req.query.segment_id
  const ids = (Array.isArray(raw) ? raw : raw ? String(raw).split(",") : []).map(String).filter(Boolean)
  const service = segmentService(req.scope)
  const segments = await service.listSegments(ids.length ? { id: ids } : {}, {
    select: ["id", "name", "handle", "member_count", "exclusive", "priority", "status"],
    order: { priority: "DESC", created_at: "ASC" },
  })
  const overlaps = await service.overlapMatrix({ segment_ids: segments.map((s) => s.id) })
  res.json({ segments, overlaps } satisfies Served<AdminSegmentOverlapResponse>)
}
