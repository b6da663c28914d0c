import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { customerModule, findGroup } from "../group-sync/customer-groups"
import { groupOwnership, managedGroupName, markedMetadata } from "../../../modules/segment/utils/group-sync"
import type { ValidatedGroupSync } from "./validate-group-sync"

export const ensureManagedGroupStepId = "ensure-segment-managed-group"

type Undo = { created?: string; restored?: string }

/**
 * The segment's customer group: the one its sync already names when it still exists (a group the
 * merchant deleted is restored, keeping its id, so promotions and price lists on it work again;
 * one whose mark was edited is kept as it is and the sync reports it), else a group marked for
 * this segment (re-adopted), else a new group named after the segment. Compensation deletes a
 * group it created and deletes again a group it restored.
 */
export const ensureManagedGroupStep = createStep(
  ensureManagedGroupStepId,
  async ({ segment, state }: ValidatedGroupSync, { container }) => {
    const customers = customerModule(container)
    const undo: Undo = {}
    if (state?.customer_group_id) {
      const group = await findGroup(container, state.customer_group_id)
      if (group && !group.deleted) {
        return new StepResponse(group.id, undo)
      }
      if (group?.deleted && groupOwnership(group.metadata, segment.id) === "ours") {
        await customers.restoreCustomerGroups([group.id])
        undo.restored = group.id
        return new StepResponse(group.id, undo)
      }
    }
    const groups = await customers.listCustomerGroups({}, { select: ["id", "name", "metadata"], take: null })
    const marked = groups.find((g) => groupOwnership(g.metadata, segment.id) === "ours")
    if (marked) {
      return new StepResponse(marked.id, undo)
    }
    const created = await customers.createCustomerGroups({
      name: managedGroupName(
        segment,
        groups.map((g) => g.name ?? "")
      ),
      metadata: markedMetadata(null, segment.id),
      created_by: "medusa-plugin-personalization",
    })
    undo.created = created.id
    return new StepResponse(created.id, undo)
  },
  async (undo, { container }) => {
    const customers = customerModule(container)
    if (undo?.created) {
      await customers.deleteCustomerGroups([undo.created])
    }
    if (undo?.restored) {
      await customers.softDeleteCustomerGroups([undo.restored])
    }
  }
)
