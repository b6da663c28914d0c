import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OBJECTIVE_MODULE } from "../../../../../modules/objective"
import ObjectiveModuleService from "../../../../../modules/objective/service"
import { AdminGetLiftType } from "../../validators"
import { reportFromSnapshots, retrieveObjectiveWithLinks } from "../../helpers"

/**
 * Lift report from the latest snapshot pair: lift with a 95% interval, sample sizes, MDE, SRM
 * check and a verdict ("not_enough_data" below 150 customers per group), plus the series.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetLiftType>, res: MedusaResponse) => {
  const objective = await retrieveObjectiveWithLinks(req.scope, req.params.id)
  const service: ObjectiveModuleService = req.scope.resolve(OBJECTIVE_MODULE)
  const snapshots = await service.listObjectiveSnapshots(
    { objective_id: objective.id, segment_id: req.validatedQuery.segment_id ?? null },
    { take: null }
  )
  const { report, series, period } = reportFromSnapshots(objective, snapshots)
  res.json({
    objective_id: objective.id,
    segment_id: req.validatedQuery.segment_id ?? null,
    period,
    report,
    series,
    message: report ? report.message : "No snapshots yet: take one (POST /admin/objectives/:id/snapshots).",
  })
}
