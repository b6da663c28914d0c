import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OBJECTIVE_MODULE } from "../../../../modules/objective"
import ObjectiveModuleService from "../../../../modules/objective/service"
import { StoreGetObjectiveGroupType } from "../validators"
import { experimentSubject } from "../helpers"

/**
 * The visitor's group in every active objective, for storefronts that render several experiences;
 * `governs_recommendations` marks the objective whose group decides `GET /store/recommendations`.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, StoreGetObjectiveGroupType>,
  res: MedusaResponse
) => {
  const { hashId, subject } = experimentSubject(req)
  const service: ObjectiveModuleService = req.scope.resolve(OBJECTIVE_MODULE)
  const experiment = await service.experimentFor(hashId)
  const groups = experiment.assignments.map((a) => ({ ...a, personalize: a.group === "treatment" }))
  res.json({ subject, engine_objective_id: experiment.engine_objective_id, groups })
}
