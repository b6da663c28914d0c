import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retrieveSegmentOr404, segmentService } from "../../helpers"
import { AdminGetSegmentVersionsType } from "../../validators"
import type { Served } from "../../../../../types/served"
import type { AdminSegmentVersionListResponse } from "../../../../../types/segments"

/** Definition history: every edit as a version with who (actor_id) and when (created_at). */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetSegmentVersionsType>,
  res: MedusaResponse
) => {
  const { limit, offset } = req.validatedQuery as AdminGetSegmentVersionsType
  await retrieveSegmentOr404(req.scope, req.params.id)
  const [versions, count] = await segmentService(req.scope).listAndCountSegmentVersions(
    { segment_id: req.params.id },
    { skip: offset, take: limit, order: { version: "DESC" } }
  )
  res.json({ versions, count, offset, limit } satisfies Served<AdminSegmentVersionListResponse>)
}
