import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import type { DataSourceDTO } from "../../../modules/plan/types"
import type { AdminDataSource, DataSourceHolding } from "../../../types/plan"
import type { Served } from "../../../types/served"

export function dataSourceResponse(d: DataSourceDTO): Served<AdminDataSource> {
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    owner: d.owner,
    description: d.description,
    holds: (Array.isArray(d.holds) ? d.holds : []) as DataSourceHolding[],
    sync_method: d.sync_method,
    sync_interval_hours: d.sync_interval_hours,
    reaches_medusa: d.reaches_medusa,
    last_synced_at: d.last_synced_at,
    created_at: d.created_at,
    updated_at: d.updated_at,
  }
}

/** One declared data source, or a 404. */
export async function retrieveDataSource(container: MedusaContainer, id: string) {
  const [d] = await container.resolve<PlanModuleService>(PLAN_MODULE).listDataSources({ id })
  if (!d) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Data source with id: ${id} was not found`)
  return dataSourceResponse(d)
}
