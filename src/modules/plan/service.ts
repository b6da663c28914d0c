import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import Requirement from "./models/requirement"
import RequirementLink from "./models/requirement-link"
import DataSource from "./models/data-source"
import Review from "./models/review"
import { detectCoreSources, SourceCounts } from "./repositories/sources"

/** Requirements, what satisfies them, the external systems the merchant declares, review dates. */
class PlanModuleService extends MedusaService({
  Requirement,
  RequirementLink,
  DataSource,
  Review,
}) {
  /** Medusa's own sources of customer and product data: records, newest record, attribute fill. */
  @InjectManager()
  async detectMedusaSources(@MedusaContext() sharedContext: Context = {}): Promise<SourceCounts[]> {
    return await detectCoreSources(sharedContext.manager)
  }
}

export default PlanModuleService
