import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OBJECTIVE_MODULE } from "../../../../../modules/objective"
import ObjectiveModuleService from "../../../../../modules/objective/service"
import { AdminGetLiftType } from "../../validators"
import { retrieveObjectiveWithLinks } from "../../helpers"
import type { Served } from "../../../../../types/served"
import type { AdminObjectiveLiftResponse } from "../../../../../types/objectives"

/**
 * Lift report from the latest snapshot pair: lift with a 95% interval, sample sizes, MDE, SRM
 * check and a verdict ("not_enough_data" below 150 customers per group), plus the series.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetLiftType>, res: MedusaResponse) => {
  const objective = await retrieveObjectiveWithLinks(req.scope, req.params.id)
  const service: ObjectiveModuleService = req.scope.resolve(OBJECTIVE_MODULE)
  const { report, series, period } = await service.liftReport(objective, req.validatedQuery.segment_id ?? null)
  res.json({
    objective_id: objective.id,
    segment_id: req.validatedQuery.segment_id ?? null,
    period,
    report,
    series,
    message: report ? report.message : "No snapshots yet: take one (POST /admin/objectives/:id/snapshots).",
  } satisfies Served<AdminObjectiveLiftResponse>)
}
