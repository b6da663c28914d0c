import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { evaluateSegmentWorkflow } from "../../../../../workflows/segment/evaluate-segment"
import { retrieveSegmentOr404 } from "../../helpers"
import type { EvaluationResult } from "../../../../../modules/segment/types"
import type { Served } from "../../../../../types/served"
import type { AdminSegmentEvaluateResponse, AdminSegmentEvaluationResult } from "../../../../../types/segments"

/** The counts of an evaluation (who entered and exited travels on the event bus, not in this response). */
const counts = (r: EvaluationResult): Served<AdminSegmentEvaluationResult> => ({
  segment_id: r.segment_id,
  entered: r.entered,
  exited: r.exited,
  member_count: r.member_count,
  evaluated_at: r.evaluated_at,
  ...(r.error ? { error: r.error } : {}),
})

/** Evaluate a segment now: membership is re-materialized atomically (history kept). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await retrieveSegmentOr404(req.scope, req.params.id)
  const started = Date.now()
  const { result } = await evaluateSegmentWorkflow(req.scope).run({ input: req.params.id })
  res.json({
    evaluation: { ...counts(result[0]), took_ms: Date.now() - started, cascaded: result.slice(1).map(counts) },
    segment: await retrieveSegmentOr404(req.scope, req.params.id),
  } satisfies Served<AdminSegmentEvaluateResponse>)
}
