import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { DecisionLogDTO } from "../../../modules/objective/types"

/** Who made a change, for people: the admin user's email and name. */
export type DecisionActor = { id: string; email: string | null; name: string | null }

/** A decision-log entry as the admin API returns it: ids resolved to names where they still exist. */
export type DecisionWithNames = DecisionLogDTO & { actor: DecisionActor | null; entity_name: string | null }

/**
 * Entity types whose names are looked up, by the entity `query.graph` reads them from, and the
 * field that names one (a requirement is known by its statement).
 */
const NAMED_ENTITIES: Record<string, string> = {
  objective: "name",
  segment: "name",
  recommendation_rule: "name",
  requirement: "statement",
  data_source: "name",
}

type UserRow = { id: string; email?: string | null; first_name?: string | null; last_name?: string | null }

/** The display name of an admin user ("First Last"), or null when neither is set. */
export function userName(u: UserRow): string | null {
  return [u.first_name, u.last_name].filter(Boolean).join(" ") || null
}

/**
 * Puts names next to ids: `actor` from the admin users (null when the actor is not a user, e.g.
 * a script), `entity_name` from the entity (deleted ones included), else the name the entry
 * recorded in its diff, else null.
 */
export function withNames(
  decisions: DecisionLogDTO[],
  users: Map<string, UserRow>,
  names: Map<string, string>
): DecisionWithNames[] {
  return decisions.map((d) => {
    const user = d.actor_id ? users.get(d.actor_id) : undefined
    const recorded = d.diff && typeof d.diff.name === "string" ? d.diff.name : null
    return {
      ...d,
      actor: user ? { id: user.id, email: user.email ?? null, name: userName(user) } : null,
      entity_name: names.get(`${d.entity_type}:${d.entity_id}`) ?? recorded,
    }
  })
}

/** Reads the admin users and entity names of a page of decisions with `query.graph`, one query per kind. */
export async function resolveDecisionNames(
  container: MedusaContainer,
  decisions: DecisionLogDTO[]
): Promise<DecisionWithNames[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const actorIds = [...new Set(decisions.map((d) => d.actor_id).filter((id): id is string => !!id))]
  const users = new Map<string, UserRow>()
  if (actorIds.length) {
    const { data } = await query.graph({
      entity: "user",
      fields: ["id", "email", "first_name", "last_name"],
      filters: { id: actorIds },
      withDeleted: true,
    })
    for (const u of data as UserRow[]) users.set(u.id, u)
  }
  const names = new Map<string, string>()
  for (const [entity, field] of Object.entries(NAMED_ENTITIES)) {
    const ids = [...new Set(decisions.filter((d) => d.entity_type === entity).map((d) => d.entity_id))]
    if (!ids.length) continue
    const { data } = await query.graph({ entity, fields: ["id", field], filters: { id: ids }, withDeleted: true })
    for (const row of data as Record<string, string>[]) names.set(`${entity}:${row.id}`, row[field])
  }
  return withNames(decisions, users, names)
}
