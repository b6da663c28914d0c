import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { retrieveSegmentOr404, segmentService } from "../../helpers"
import { AdminGetSegmentMembersType } from "../../validators"
import type { Served } from "../../../../../types/served"
import type { AdminSegmentMemberListResponse } from "../../../../../types/segments"

/** Members of a segment (current by default; `include_exited=true` for the history), with customer details. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetSegmentMembersType>,
  res: MedusaResponse
) => {
  const { limit, offset, include_exited } = req.validatedQuery as AdminGetSegmentMembersType
  await retrieveSegmentOr404(req.scope, req.params.id)
  const filters: Record<string, unknown> = { segment_id: req.params.id }
  if (!include_exited) {
    filters.exited_at = null
  }
  const [memberships, count] = await segmentService(req.scope).listAndCountSegmentMemberships(filters, {
    skip: offset,
    take: limit,
    order: { entered_at: "DESC", customer_id: "ASC" },
  })
  const ids = Array.from(new Set(memberships.map((m) => m.customer_id)))
  const customers = ids.length
    ? await req.scope
        .resolve(Modules.CUSTOMER)
        .listCustomers({ id: ids }, { select: ["id", "email", "first_name", "last_name", "has_account"] })
    : []
  const byId = new Map(customers.map((c) => [c.id, c]))
  res.json({
    members: memberships.map((m) => ({
      id: m.id,
      customer_id: m.customer_id,
      entered_at: m.entered_at,
      exited_at: m.exited_at,
      customer: byId.get(m.customer_id) ?? null,
    })),
    count,
    offset,
    limit,
  } satisfies Served<AdminSegmentMemberListResponse>)
}
