import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { validateGroupSyncStep } from "./steps/validate-group-sync"
import { ensureManagedGroupStep } from "./steps/ensure-managed-group"
import { saveGroupSyncStep } from "./steps/save-group-sync"
import { syncSegmentGroupsStep } from "./steps/sync-segment-groups"
import { releaseManagedGroupStep } from "./steps/release-managed-group"
import { decisionEntry, logDecisionStep } from "../decision-log/steps/log-decision"

export const enableSegmentGroupSyncWorkflowId = "enable-segment-group-sync"

export type EnableSegmentGroupSyncInput = { segment_id: string; resync?: boolean; actor_id?: string | null }

/**
 * Turns a segment's customer group sync on (or re-runs it): finds, restores or creates the group
 * marked for this segment, records it, and syncs its customers to the segment's members: now when
 * the group and the segment hold at most `INLINE_SYNC_LIMIT` customers, else as a background fill
 * (the state says `filling`, with progress) that the request does not wait for.
 */
export const enableSegmentGroupSyncWorkflow = createWorkflow(
  enableSegmentGroupSyncWorkflowId,
  (input: EnableSegmentGroupSyncInput) => {
    const validated = validateGroupSyncStep(
      transform({ input }, ({ input }) => ({ segment_id: input.segment_id, enabled: true as const }))
    )
    const groupId = ensureManagedGroupStep(validated)
    const save = transform({ input, groupId, validated }, ({ input, groupId, validated }) => ({
      segment_id: input.segment_id,
      fields: {
        enabled: true,
        customer_group_id: groupId,
        // a different group (re-created) or a first enable starts over: the next sync compares the whole group
        status:
          validated.state?.customer_group_id === groupId && validated.state.enabled ? undefined : ("pending" as const),
      },
    }))
    saveGroupSyncStep(save)
    const outcomes = syncSegmentGroupsStep(
      transform({ input }, ({ input }) => ({ segment_ids: [input.segment_id], resync: true }))
    )
    const decision = transform({ input, validated }, ({ input, validated }) => [
      decisionEntry("segment", input.segment_id, validated.state?.enabled ? "group_resynced" : "group_sync_enabled", {
        actor_id: input.actor_id ?? null,
      }),
    ])
    logDecisionStep(decision)
    return new WorkflowResponse(outcomes)
  }
)

export const disableSegmentGroupSyncWorkflowId = "disable-segment-group-sync"

export type DisableSegmentGroupSyncInput = {
  segment_id: string
  on_disable: "keep" | "delete"
  actor_id?: string | null
}

/**
 * Turns a segment's customer group sync off: the group is kept without the mark (the merchant's
 * from then on) or deleted, as asked; the sync state says `disabled`.
 */
export const disableSegmentGroupSyncWorkflow = createWorkflow(
  disableSegmentGroupSyncWorkflowId,
  (input: DisableSegmentGroupSyncInput) => {
    const validated = validateGroupSyncStep(
      transform({ input }, ({ input }) => ({
        segment_id: input.segment_id,
        enabled: false as const,
        on_disable: input.on_disable,
      }))
    )
    const released = releaseManagedGroupStep(
      transform({ input, validated }, ({ input, validated }) => ({
        segment_id: input.segment_id,
        customer_group_id: validated.state?.customer_group_id,
        on_disable: input.on_disable,
      }))
    )
    saveGroupSyncStep(
      transform({ input }, ({ input }) => ({
        segment_id: input.segment_id,
        fields: {
          enabled: false,
          status: "disabled" as const,
          customer_group_id: null,
          last_error: null,
          group_member_count: null,
        },
      }))
    )
    const decision = transform({ input }, ({ input }) => [
      decisionEntry("segment", input.segment_id, `group_sync_disabled_${input.on_disable}`, {
        actor_id: input.actor_id ?? null,
      }),
    ])
    logDecisionStep(decision)
    return new WorkflowResponse(released)
  }
)
