import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { AdminGetDecisionLogType } from "./validators"
import { resolveDecisionNames } from "./helpers"
import type { Served } from "../../../types/served"
import type { AdminDecisionListResponse } from "../../../types/objectives"

/**
 * The decision log (newest first), filterable by entity, actor and action; each entry carries
 * `actor` ({ id, email, name } of the admin user) and `entity_name` next to the ids.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetDecisionLogType>, res: MedusaResponse) => {
  const { limit, offset, ...filters } = req.validatedQuery
  const service: ObjectiveModuleService = req.scope.resolve(OBJECTIVE_MODULE)
  const [decisions, count] = await service.listAndCountDecisionLogs(filters, {
    skip: offset,
    take: limit,
    order: { created_at: "DESC", id: "DESC" },
  })
  res.json({
    decisions: await resolveDecisionNames(req.scope, decisions),
    count,
    offset,
    limit,
  } satisfies Served<AdminDecisionListResponse>)
}
