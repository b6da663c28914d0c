import { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/** Who is asking: the logged-in customer, else the storefront's anonymous id (as `anon:<id>`). */
export function experimentSubject(req: AuthenticatedMedusaRequest<unknown, { anonymous_id?: string }>) {
  const customerId = req.auth_context?.actor_id || null
  const anonymousId = req.validatedQuery.anonymous_id ?? null
  if (!customerId && !anonymousId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "anonymous_id is required when no customer is logged in")
  }
  return {
    hashId: customerId ?? `anon:${anonymousId}`,
    subject: { type: customerId ? ("customer" as const) : ("anonymous" as const), id: (customerId ?? anonymousId)! },
  }
}
