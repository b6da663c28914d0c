import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { customerModule, findGroup } from "../group-sync/customer-groups"
import { groupOwnership } from "../../../modules/segment/utils/group-sync"
import { MANAGED_GROUP_METADATA_KEY } from "../../../types/segment-group-sync"

export const releaseManagedGroupStepId = "release-segment-managed-group"

type Released = "untouched" | "kept" | "deleted"
type Undo = { group_id: string | null; metadata?: Record<string, unknown> | null; deleted?: boolean }

/**
 * Lets go of a segment's group when its sync is disabled: `keep` removes the mark (the group and
 * its customers stay, the merchant's from then on), `delete` deletes the group. A group that is
 * gone or not marked for this segment is left alone. Compensation puts the mark back or restores
 * the group.
 */
export const releaseManagedGroupStep = createStep(
  releaseManagedGroupStepId,
  async (
    input: { segment_id: string; customer_group_id: string | null | undefined; on_disable: "keep" | "delete" },
    { container }
  ) => {
    const group = input.customer_group_id ? await findGroup(container, input.customer_group_id) : null
    if (!group || group.deleted || groupOwnership(group.metadata, input.segment_id) !== "ours") {
      return new StepResponse<Released, Undo>("untouched", { group_id: null })
    }
    const customers = customerModule(container)
    if (input.on_disable === "delete") {
      await customers.softDeleteCustomerGroups([group.id])
      return new StepResponse<Released, Undo>("deleted", { group_id: group.id, deleted: true })
    }
    const metadata = { ...(group.metadata ?? {}) }
    delete metadata[MANAGED_GROUP_METADATA_KEY]
    // Medusa's metadata update merges keys; an empty string deletes one
    await customers.updateCustomerGroups(group.id, { metadata: { ...metadata, [MANAGED_GROUP_METADATA_KEY]: "" } })
    return new StepResponse<Released, Undo>("kept", { group_id: group.id, metadata: group.metadata })
  },
  async (undo, { container }) => {
    if (!undo?.group_id) {
      return
    }
    const customers = customerModule(container)
    if (undo.deleted) {
      await customers.restoreCustomerGroups([undo.group_id])
    } else {
      await customers.updateCustomerGroups(undo.group_id, { metadata: undo.metadata ?? {} })
    }
  }
)
