import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createObjectiveWorkflow } from "../../../workflows/objective/create-objective"
import { AdminCreateObjectiveType, AdminGetObjectivesType } from "./validators"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { OBJECTIVE_FIELDS, ObjectiveWithLinks, retrieveObjectiveWithLinks } from "./helpers"
import type { Served } from "../../../types/served"
import type { AdminObjectiveListResponse, AdminObjectiveResponse } from "../../../types/objectives"

/** List objectives with their progress to target (from the latest snapshot). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetObjectivesType>, res: MedusaResponse) => {
  const { limit, offset, q, id, status, metric } = req.validatedQuery
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const filters: Record<string, unknown> = {}
  if (id !== undefined) filters.id = [id].flat()
  if (status) filters.status = status
  if (metric) filters.metric = metric
  if (q) filters.q = q
  const { data, metadata } = await query.graph({
    entity: "objective",
    fields: OBJECTIVE_FIELDS,
    filters,
    pagination: { skip: offset, take: limit, order: { created_at: "DESC" } },
  })
  const service: ObjectiveModuleService = req.scope.resolve(OBJECTIVE_MODULE)
  const reports = await service.latestLiftReports(data)
  const objectives = data.map((o: ObjectiveWithLinks) => {
    const r = reports[o.id]?.report
    return {
      ...o,
      latest: r
        ? {
            period: reports[o.id].period,
            treatment_value: r.treatment.value,
            holdout_value: r.holdout.value,
            difference: r.comparison.difference,
            verdict: r.verdict,
            progress_to_target: r.progress_to_target,
          }
        : null,
    }
  })
  res.json({
    objectives,
    count: metadata?.count ?? objectives.length,
    offset,
    limit,
  } satisfies Served<AdminObjectiveListResponse>)
}

/** Create an objective; its baseline is computed from the store's own orders. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateObjectiveType>, res: MedusaResponse) => {
  const { reason, ...objective } = req.validatedBody
  const { result } = await createObjectiveWorkflow(req.scope).run({
    input: { objective, actor_id: req.auth_context?.actor_id ?? null, reason: reason ?? null },
  })
  res.status(201).json({
    objective: await retrieveObjectiveWithLinks(req.scope, result.id),
  } satisfies Served<AdminObjectiveResponse>)
}
