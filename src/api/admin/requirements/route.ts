import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import { createRequirementWorkflow } from "../../../workflows/plan/create-requirement"
import type { AdminRequirementListResponse, AdminRequirementResponse } from "../../../types/plan"
import type { Served } from "../../../types/served"
import { requirementResponse, retrieveRequirement } from "./helpers"
import { AdminCreateRequirementType, AdminGetRequirementsType } from "./validators"

/** Stakeholder requirements, newest first, filterable by objective and role. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetRequirementsType>, res: MedusaResponse) => {
  const { limit, offset, q, objective_id, role } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (objective_id) filters.objective_id = objective_id
  if (role) filters.role = role
  if (q) filters.q = q
  const service = req.scope.resolve<PlanModuleService>(PLAN_MODULE)
  const [rows, count] = await service.listAndCountRequirements(filters, {
    relations: ["links"],
    skip: offset,
    take: limit,
    order: { created_at: "DESC", id: "DESC" },
  })
  res.json({
    requirements: rows.map(requirementResponse),
    count,
    offset,
    limit,
  } satisfies Served<AdminRequirementListResponse>)
}

/** Create a requirement linked to the objective it serves and what satisfies it; logged with who and why. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateRequirementType>, res: MedusaResponse) => {
  const { reason, links, ...requirement } = req.validatedBody
  const { result } = await createRequirementWorkflow(req.scope).run({
    input: { requirement, links: links ?? [], actor_id: req.auth_context?.actor_id ?? null, reason: reason ?? null },
  })
  res.status(201).json({
    requirement: await retrieveRequirement(req.scope, result.id),
  } satisfies Served<AdminRequirementResponse>)
}
