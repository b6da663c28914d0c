import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

const TARGET_TABLES: Record<string, string> = {
  product: "product",
  category: "product_category",
  collection: "product_collection",
  tag: "product_tag",
}

/**
 * Checks that a rule's target, segment and objective exist; collects every problem and throws one
 * INVALID_DATA error naming each field. Segment and objective tables are read only if present.
 */
export async function assertRuleReferences(
  scope: MedusaContainer,
  body: { target_type?: string; target_id?: string; segment_id?: string | null; objective_id?: string | null }
): Promise<void> {
  const knex = scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const problems: string[] = []
  const exists = async (table: string, id: string) => {
    const present = await knex.raw(`SELECT to_regclass(?)::text AS t`, [table])
    if (!present.rows[0]?.t) {
      return true
    }
    const found = await knex.raw(`SELECT 1 FROM ?? WHERE id = ? AND deleted_at IS NULL LIMIT 1`, [table, id])
    return found.rows.length > 0
  }
  if (body.target_type && body.target_id && !(await exists(TARGET_TABLES[body.target_type], body.target_id))) {
    problems.push(`target_id: ${body.target_type} ${body.target_id} not found`)
  }
  if (body.segment_id && !(await exists("segment", body.segment_id))) {
    problems.push(`segment_id: segment ${body.segment_id} not found`)
  }
  if (body.objective_id && !(await exists("objective", body.objective_id))) {
    problems.push(`objective_id: objective ${body.objective_id} not found`)
  }
  if (problems.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid recommendation rule: ${problems.join("; ")}`)
  }
}
