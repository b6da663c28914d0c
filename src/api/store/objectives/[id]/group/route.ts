import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { OBJECTIVE_MODULE } from "../../../../../modules/objective"
import ObjectiveModuleService from "../../../../../modules/objective/service"
import { assignGroup } from "../../../../../modules/objective/utils/holdout"
import { StoreGetObjectiveGroupType } from "../../validators"
import { experimentSubject } from "../../helpers"

/**
 * The visitor's experiment group for an objective: "holdout" means render the
 * non-personalized experience. Logged-in customers are assigned by customer id, others by
 * the `anonymous_id` the storefront keeps. Only active objectives personalize.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, StoreGetObjectiveGroupType>,
  res: MedusaResponse
) => {
  const service: ObjectiveModuleService = req.scope.resolve(OBJECTIVE_MODULE)
  const [objective] = await service.listObjectives({ id: req.params.id }, { select: ["id", "status", "holdout_share"] })
  if (!objective) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Objective with id: ${req.params.id} was not found`)
  }
  const { hashId, subject } = experimentSubject(req)
  const group = assignGroup(objective.id, hashId, objective.holdout_share)
  res.json({
    objective_id: objective.id,
    status: objective.status,
    group,
    subject,
    personalize: objective.status === "active" && group === "treatment",
  })
}
