import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { segmentService } from "../helpers"
import { AdminPreviewSegmentType } from "../validators"
import type { Served } from "../../../../types/served"
import type { AdminSegmentPreviewResponse } from "../../../../types/segments"

/**
 * Preview an unsaved rule tree: how many customers match, 20 of them with the
 * facts that made them match, and how many each top-level condition alone excludes.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPreviewSegmentType>, res: MedusaResponse) => {
  const started = Date.now()
  const preview = await segmentService(req.scope).preview(req.validatedBody)
  res.json({ preview: { ...preview, took_ms: Date.now() - started } } satisfies Served<AdminSegmentPreviewResponse>)
}
