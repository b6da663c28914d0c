import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { ObjectiveDTO } from "../../../modules/objective/types"

export const OBJECTIVE_FIELDS = [
  "*",
  "segments.id",
  "segments.name",
  "segments.status",
  "recommendation_rules.id",
  "recommendation_rules.name",
  "recommendation_rules.status",
]

type LinkedEntity = { id: string; name: string; status: string }

/** An objective as `OBJECTIVE_FIELDS` reads it: its own fields plus its linked segments and rules. */
export type ObjectiveWithLinks = Omit<ObjectiveDTO, "snapshots"> & {
  segments?: LinkedEntity[]
  recommendation_rules?: LinkedEntity[]
}

/** One objective with its linked segments and recommendation rules, or a 404. */
export async function retrieveObjectiveWithLinks(container: MedusaContainer, id: string): Promise<ObjectiveWithLinks> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "objective", fields: OBJECTIVE_FIELDS, filters: { id } })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Objective with id: ${id} was not found`)
  }
  return data[0]
}
