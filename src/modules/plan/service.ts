import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import Requirement from "./models/requirement"
import RequirementLink from "./models/requirement-link"
import DataSource from "./models/data-source"
import Review from "./models/review"
import { detectCoreSources, SourceCounts } from "./repositories/sources"
import { refuseUnknownPluginOptions } from "../../utils/plugin-options"

/** Requirements, what satisfies them, the external systems the merchant declares, review dates. */
class PlanModuleService extends MedusaService({
  Requirement,
  RequirementLink,
  DataSource,
  Review,
}) {
  constructor(container: Record<string, unknown>, options?: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // A misspelt plugin option stops startup here (Medusa constructs every module's service while booting).
    refuseUnknownPluginOptions(options)
  }

  /** Medusa's own sources of customer and product data: records, newest record, attribute fill. */
  @InjectManager()
  async detectMedusaSources(@MedusaContext() sharedContext: Context = {}): Promise<SourceCounts[]> {
    return await detectCoreSources(sharedContext.manager)
  }
}

export default PlanModuleService
