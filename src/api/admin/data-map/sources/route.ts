import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PLAN_MODULE } from "../../../../modules/plan"
import type PlanModuleService from "../../../../modules/plan/service"
import { createDataSourceWorkflow } from "../../../../workflows/plan/data-sources"
import type { AdminDataSourceListResponse, AdminDataSourceResponse } from "../../../../types/plan"
import type { Served } from "../../../../types/served"
import { dataSourceResponse, retrieveDataSource } from "../helpers"
import { AdminCreateDataSourceType, AdminGetDataSourcesType } from "../validators"

/** The declared external systems, oldest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetDataSourcesType>, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery
  const [rows, count] = await req.scope
    .resolve<PlanModuleService>(PLAN_MODULE)
    .listAndCountDataSources({}, { skip: offset, take: limit, order: { created_at: "ASC", id: "ASC" } })
  res.json({
    data_sources: rows.map(dataSourceResponse),
    count,
    offset,
    limit,
  } satisfies Served<AdminDataSourceListResponse>)
}

/** Declare an external system (POS, CRM, email tool, ERP); logged with who and why. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateDataSourceType>, res: MedusaResponse) => {
  const { reason, ...data_source } = req.validatedBody
  const { result } = await createDataSourceWorkflow(req.scope).run({
    input: {
      data_source: { ...data_source, holds: data_source.holds ?? [] },
      actor_id: req.auth_context?.actor_id ?? null,
      reason: reason ?? null,
    },
  })
  res.status(201).json({
    data_source: await retrieveDataSource(req.scope, result.id),
  } satisfies Served<AdminDataSourceResponse>)
}
