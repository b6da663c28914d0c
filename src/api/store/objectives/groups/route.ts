import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OBJECTIVE_MODULE } from "../../../../modules/objective"
import ObjectiveModuleService from "../../../../modules/objective/service"
import { assignGroup } from "../../../../modules/objective/utils/holdout"
import { StoreGetObjectiveGroupType } from "../validators"
import { experimentSubject } from "../helpers"

/** The visitor's group in every active objective, for storefronts that render several experiences. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, StoreGetObjectiveGroupType>,
  res: MedusaResponse
) => {
  const { hashId, subject } = experimentSubject(req)
  const service: ObjectiveModuleService = req.scope.resolve(OBJECTIVE_MODULE)
  const objectives = await service.listObjectives(
    { status: "active" },
    { select: ["id", "holdout_share"], take: null, order: { created_at: "ASC" } }
  )
  const groups = objectives.map((o) => {
    const group = assignGroup(o.id, hashId, o.holdout_share)
    return { objective_id: o.id, group, personalize: group === "treatment" }
  })
  res.json({ subject, groups })
}
