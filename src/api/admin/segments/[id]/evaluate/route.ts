import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { evaluateSegmentWorkflow } from "../../../../../workflows/segment/evaluate-segment"
import { retrieveSegmentOr404 } from "../../helpers"
import type { Served } from "../../../../../types/served"
import type { AdminSegmentEvaluateResponse } from "../../../../../types/segments"

/** Evaluate a segment now: membership is re-materialized atomically (history kept). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await retrieveSegmentOr404(req.scope, req.params.id)
  const started = Date.now()
  const { result } = await evaluateSegmentWorkflow(req.scope).run({ input: req.params.id })
  res.json({
    evaluation: { ...result[0], took_ms: Date.now() - started, cascaded: result.slice(1) },
    segment: await retrieveSegmentOr404(req.scope, req.params.id),
  } satisfies Served<AdminSegmentEvaluateResponse>)
}
