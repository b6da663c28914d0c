import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  disableSegmentGroupSyncWorkflow,
  enableSegmentGroupSyncWorkflow,
} from "../../../../../workflows/segment/group-sync"
import { retrieveSegmentOr404 } from "../../helpers"
import { groupSyncResponse } from "./helpers"
import type { AdminSegmentGroupSyncBodyType } from "./validators"
import type { Served } from "../../../../../types/served"
import type { AdminSegmentGroupSyncResponse } from "../../../../../types/segment-group-sync"

/** A segment's customer group sync: state, group, counts. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const segment = await retrieveSegmentOr404(req.scope, req.params.id)
  res.json({ group_sync: await groupSyncResponse(req.scope, segment) } satisfies Served<AdminSegmentGroupSyncResponse>)
}

/**
 * `{ enabled: true }` creates (or re-adopts) the managed group and syncs it now; `{ enabled: true,
 * resync: true }` syncs again; `{ enabled: false, on_disable }` keeps the group unmarked or deletes it.
 * A sync that fails answers 200 with `status: "error"` and `last_error` (the state the admin shows).
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSegmentGroupSyncBodyType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const actor_id = req.auth_context?.actor_id ?? null
  if (body.enabled) {
    await enableSegmentGroupSyncWorkflow(req.scope).run({
      input: { segment_id: req.params.id, resync: body.resync, actor_id },
    })
  } else {
    await disableSegmentGroupSyncWorkflow(req.scope).run({
      input: { segment_id: req.params.id, on_disable: body.on_disable, actor_id },
    })
  }
  const segment = await retrieveSegmentOr404(req.scope, req.params.id)
  res.json({ group_sync: await groupSyncResponse(req.scope, segment) } satisfies Served<AdminSegmentGroupSyncResponse>)
}
