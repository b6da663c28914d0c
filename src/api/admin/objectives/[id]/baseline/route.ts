import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recomputeObjectiveBaselineWorkflow } from "../../../../../workflows/objective/recompute-baseline"
import { AdminRecomputeObjectiveBaselineType } from "../../validators"
import { retrieveObjectiveWithLinks } from "../../helpers"
import type { Served } from "../../../../../types/served"
import type { AdminObjectiveResponse } from "../../../../../types/objectives"

/** Recompute the baseline and plan from the store's current history; refused once started unless `force`. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminRecomputeObjectiveBaselineType>,
  res: MedusaResponse
) => {
  await retrieveObjectiveWithLinks(req.scope, req.params.id)
  const { reason, force, baseline_window_start, baseline_window_end } = req.validatedBody
  await recomputeObjectiveBaselineWorkflow(req.scope).run({
    input: {
      id: req.params.id,
      baseline_window_start: baseline_window_start ?? null,
      baseline_window_end: baseline_window_end ?? null,
      force: force ?? false,
      actor_id: req.auth_context?.actor_id ?? null,
      reason: reason ?? null,
    },
  })
  res.json({
    objective: await retrieveObjectiveWithLinks(req.scope, req.params.id),
  } satisfies Served<AdminObjectiveResponse>)
}
