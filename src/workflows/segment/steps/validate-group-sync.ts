import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findGroup, GroupSyncState, readSyncState, segmentModule } from "../group-sync/customer-groups"
import { groupOwnership } from "../../../modules/segment/utils/group-sync"

export const validateGroupSyncStepId = "validate-segment-group-sync"

export type ValidateGroupSyncInput = { segment_id: string } & (
  { enabled: true; resync?: boolean } | { enabled: false; on_disable: "keep" | "delete" }
)

export type ValidatedGroupSync = {
  segment: { id: string; name: string; handle: string; currency_code: string }
  state: GroupSyncState | null
}

/**
 * Checks a change of a segment's group sync before any write: the segment exists (404); enabling
 * needs a segment whose currency the store supports (its spend conditions count orders in that
 * currency: in another one nobody could enter it, and the group would only freeze old data);
 * deleting on disable never deletes a group this segment does not own.
 */
export const validateGroupSyncStep = createStep(
  validateGroupSyncStepId,
  async (input: ValidateGroupSyncInput, { container }) => {
    const [segment] = await segmentModule(container).listSegments(
      { id: input.segment_id },
      { select: ["id", "name", "handle", "currency_code"], take: 1 }
    )
    if (!segment) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Segment with id "${input.segment_id}" was not found`)
    }
    const state = await readSyncState(container, segment.id)
    if (input.enabled) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: stores } = await query.graph({ entity: "store", fields: ["supported_currencies.currency_code"] })
      const supported = (stores[0]?.supported_currencies ?? [])
        .filter(Boolean)
        .map((c) => String(c!.currency_code).toLowerCase())
      const currency = segment.currency_code.toLowerCase()
      if (supported.length && !supported.includes(currency)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `currency_code: segment ${segment.id} counts spend in ${currency.toUpperCase()}, which the store does not support (${supported
            .map((c) => c.toUpperCase())
            .join(", ")}); its members could not change with new orders, so it cannot be synced to a customer group`
        )
      }
    } else if (input.on_disable === "delete" && state?.customer_group_id) {
      const group = await findGroup(container, state.customer_group_id)
      if (group && !group.deleted && groupOwnership(group.metadata, segment.id) !== "ours") {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `on_disable: customer group ${group.id} (${group.name}) is not marked as segment ${segment.id}'s, so it is not deleted; disable with on_disable "keep"`
        )
      }
    }
    return new StepResponse<ValidatedGroupSync>({
      segment: { id: segment.id, name: segment.name, handle: segment.handle, currency_code: segment.currency_code },
      state,
    })
  }
)
