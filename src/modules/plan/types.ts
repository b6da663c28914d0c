import type { InferTypeOf } from "@medusajs/framework/types"
import type Requirement from "./models/requirement"
import type RequirementLink from "./models/requirement-link"
import type DataSource from "./models/data-source"
import type Review from "./models/review"
import type PlanModuleService from "./service"

export type RequirementDTO = InferTypeOf<typeof Requirement>
export type RequirementLinkDTO = InferTypeOf<typeof RequirementLink>
export type DataSourceDTO = InferTypeOf<typeof DataSource>
export type ReviewDTO = InferTypeOf<typeof Review>

/** One requirement as `createRequirements` / `updateRequirements` accept it. */
export type RequirementInput = Parameters<PlanModuleService["createRequirements"]>[0][number]
/** One declared data source as `createDataSources` accepts it. */
export type DataSourceInput = Parameters<PlanModuleService["createDataSources"]>[0][number]

/**
 * A declared data source as the workflows take it: `holds` is a list (`model.json()` types the
 * column as an object, so the steps cast it there, once).
 */
export type DataSourceWrite = Omit<DataSourceInput, "holds"> & {
  holds?: { feeds: string; what: string }[]
}
