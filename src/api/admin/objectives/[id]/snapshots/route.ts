import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OBJECTIVE_MODULE } from "../../../../../modules/objective"
import ObjectiveModuleService from "../../../../../modules/objective/service"
import { snapshotObjectiveWorkflow } from "../../../../../workflows/objective/snapshot-objective"
import { AdminCreateSnapshotsType, AdminGetSnapshotsType } from "../../validators"
import { retrieveObjectiveWithLinks } from "../../helpers"

/** Stored snapshots of an objective, oldest period first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetSnapshotsType>, res: MedusaResponse) => {
  await retrieveObjectiveWithLinks(req.scope, req.params.id)
  const { limit, offset, segment_id, group } = req.validatedQuery
  const service: ObjectiveModuleService = req.scope.resolve(OBJECTIVE_MODULE)
  const filters: Record<string, unknown> = { objective_id: req.params.id }
  if (segment_id !== undefined) filters.segment_id = segment_id
  if (group) filters.group = group
  const [snapshots, count] = await service.listAndCountObjectiveSnapshots(filters, {
    skip: offset,
    take: limit,
    order: { period_end: "ASC", created_at: "ASC" },
  })
  res.json({ snapshots, count, offset, limit })
}

/** Measure now: one snapshot per group, overall and per linked segment (or one segment). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateSnapshotsType>, res: MedusaResponse) => {
  await retrieveObjectiveWithLinks(req.scope, req.params.id)
  const { result } = await snapshotObjectiveWorkflow(req.scope).run({
    input: { objective_id: req.params.id, ...req.validatedBody, source: "on_demand" },
  })
  res.status(201).json({ snapshots: result })
}
