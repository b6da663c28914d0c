import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type RuleReferences = {
  target_type?: string
  target_id?: string
  segment_id?: string | null
  objective_id?: string | null
}

/** The entity `query.graph` reads for each rule target type. */
const TARGET_ENTITIES: Record<string, string> = {
  product: "product",
  category: "product_category",
  collection: "product_collection",
  tag: "product_tag",
}

export const validateRuleReferencesStepId = "validate-recommendation-rule-references"

/**
 * Refuses (INVALID_DATA, a 400 naming each field) a rule whose target, segment or objective does
 * not exist (or is deleted): it would silently never apply. Reads each module through `query.graph`,
 * never its tables. A target is checked when both `target_type` and `target_id` are given. No writes.
 */
export const validateRuleReferencesStep = createStep(
  validateRuleReferencesStepId,
  async (input: RuleReferences, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const exists = async (entity: string, id: string) => {
      const { data } = await query.graph({ entity, fields: ["id"], filters: { id } })
      return data.length > 0
    }
    const problems: string[] = []
    const targetEntity = input.target_type ? TARGET_ENTITIES[input.target_type] : undefined
    if (targetEntity && input.target_id && !(await exists(targetEntity, input.target_id))) {
      problems.push(`target_id: ${input.target_type} ${input.target_id} not found`)
    }
    if (input.segment_id && !(await exists("segment", input.segment_id))) {
      problems.push(`segment_id: segment ${input.segment_id} not found`)
    }
    if (input.objective_id && !(await exists("objective", input.objective_id))) {
      problems.push(`objective_id: objective ${input.objective_id} not found`)
    }
    if (problems.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid recommendation rule: ${problems.join("; ")}`)
    }
    return new StepResponse(void 0)
  }
)
