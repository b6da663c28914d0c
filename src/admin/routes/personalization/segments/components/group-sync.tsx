import { Button, Heading, Label, Prompt, RadioGroup, StatusBadge, Switch, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { GroupSync, useSegmentGroupSync, useUpdateSegmentGroupSync } from "../../../../hooks/segments"
import { ago } from "./format"

const STATUS: Record<GroupSync["status"], { color: "grey" | "orange" | "green" | "red"; label: string }> = {
  disabled: { color: "grey", label: "Not synced" },
  pending: { color: "orange", label: "Syncing" },
  filling: { color: "orange", label: "Filling" },
  synced: { color: "green", label: "In sync" },
  error: { color: "red", label: "Sync failed" },
}

/**
 * Turning the sync off asks what becomes of the group: keep it (it becomes an ordinary group the
 * merchant owns, members as they are) or delete it.
 */
const DisablePrompt = ({
  open,
  groupName,
  busy,
  onCancel,
  onConfirm,
}: {
  open: boolean
  groupName: string | null
  busy: boolean
  onCancel: () => void
  onConfirm: (choice: "keep" | "delete") => void
}) => {
  const [choice, setChoice] = useState<"keep" | "delete">("keep")
  return (
    <Prompt
      open={open}
      onOpenChange={(o) => (o ? null : onCancel())}
      variant={choice === "delete" ? "danger" : "confirmation"}
    >
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>Stop syncing to {groupName ? `"${groupName}"` : "the customer group"}?</Prompt.Title>
          <Prompt.Description>
            The segment keeps its members either way. Choose what happens to the customer group.
          </Prompt.Description>
        </Prompt.Header>
        <div className="px-6 pb-4">
          <RadioGroup
            value={choice}
            onValueChange={(v) => setChoice(v as "keep" | "delete")}
            aria-label="What happens to the customer group"
            className="flex flex-col gap-2"
          >
            <RadioGroup.ChoiceBox
              value="keep"
              label="Keep the group"
              description="It stays with its current customers and becomes an ordinary group: the segment no longer changes it."
            />
            <RadioGroup.ChoiceBox
              value="delete"
              label="Delete the group"
              description="Price lists and promotions that target it stop applying to its customers."
            />
          </RadioGroup>
        </div>
        <Prompt.Footer>
          <Prompt.Cancel onClick={onCancel} disabled={busy}>
            Cancel
          </Prompt.Cancel>
          <Prompt.Action onClick={() => onConfirm(choice)} disabled={busy}>
            {choice === "delete" ? "Stop and delete the group" : "Stop and keep the group"}
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

/** A background fill's progress: customers added or removed so far, out of the difference it found. */
const FillProgress = ({ done, total }: { done: number; total: number }) => {
  const share = total > 0 ? Math.min(1, done / total) : 0
  return (
    <div className="flex flex-col gap-1" aria-label="Fill progress">
      <div className="h-2 w-full overflow-hidden rounded bg-ui-bg-subtle">
        <div className="h-2 bg-ui-tag-orange-icon" style={{ width: `${share * 100}%` }} />
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {total > 0
          ? `${done.toLocaleString()} of ${total.toLocaleString()} customers added or removed`
          : "Comparing the group with the members…"}
        {
          " · runs in the background, you can leave this page (after a restart it resumes at the next evaluation, or with Resync now)"
        }
      </Text>
    </div>
  )
}

/** The segment's customer group: sync state, counts, last error; enable, disable (keep/delete), resync. */
export const GroupSyncSection = ({ segmentId }: { segmentId: string }) => {
  const { data, isLoading, error } = useSegmentGroupSync(segmentId)
  const update = useUpdateSegmentGroupSync(segmentId)
  const [disabling, setDisabling] = useState(false)
  const sync = data?.group_sync

  const run = async (body: Parameters<typeof update.mutateAsync>[0], done: string) => {
    try {
      const { group_sync } = await update.mutateAsync(body)
      toast.success(done, {
        description:
          group_sync.status === "error" && group_sync.last_error
            ? group_sync.last_error
            : STATUS[group_sync.status].label,
      })
    } catch (e) {
      toast.error("Customer group sync", { description: (e as Error).message })
    }
  }

  return (
    <div className="flex flex-col gap-3 px-6 py-4" aria-label="Customer group">
      <div className="flex items-center justify-between">
        <Heading level="h2">Customer group</Heading>
        {sync ? (
          <StatusBadge color={STATUS[sync.status].color} data-testid="group-sync-status">
            {STATUS[sync.status].label}
          </StatusBadge>
        ) : null}
      </div>
      {isLoading ? (
        <Text size="small">Loading…</Text>
      ) : !sync ? (
        <Text size="small" className="text-ui-fg-subtle">
          The sync state could not be read{error ? `: ${(error as Error).message}` : "."}
        </Text>
      ) : (
        <>
          <Text size="small" className="text-ui-fg-subtle">
            Keep a Medusa customer group with exactly this segment's members, for price lists, promotions and anything
            else that targets customer groups.
          </Text>
          <div className="flex items-center gap-2">
            <Switch
              id="group-sync-enabled"
              checked={sync.enabled}
              disabled={update.isPending}
              onCheckedChange={(on) =>
                on ? run({ enabled: true }, "Customer group sync enabled") : setDisabling(true)
              }
            />
            <Label htmlFor="group-sync-enabled" size="small">
              Sync members to a customer group
            </Label>
          </div>
          {sync.customer_group_id ? (
            <dl className="txt-compact-small grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="text-ui-fg-subtle">Group</dt>
              <dd>
                <Link to={`/customer-groups/${sync.customer_group_id}`} className="text-ui-fg-interactive">
                  {sync.customer_group_name ?? sync.customer_group_id}
                </Link>
              </dd>
              <dt className="text-ui-fg-subtle">Last sync</dt>
              <dd>
                {sync.last_synced_at
                  ? `${ago(sync.last_synced_at)} (${new Date(sync.last_synced_at).toLocaleString()})`
                  : "not yet"}
              </dd>
              <dt className="text-ui-fg-subtle">Customers</dt>
              <dd>
                {sync.group_member_count ?? "—"} in the group · {sync.member_count} in the segment
              </dd>
              <dt className="text-ui-fg-subtle">Last change</dt>
              <dd>
                +{sync.last_added} added · −{sync.last_removed} removed
              </dd>
              <dt className="text-ui-fg-subtle">Last full check</dt>
              <dd>
                {sync.last_full_check_at
                  ? `${ago(sync.last_full_check_at)} · ${
                      sync.drift_repaired
                        ? `${sync.drift_repaired} customer${sync.drift_repaired === 1 ? "" : "s"} out of place, put right`
                        : "nothing out of place"
                    }`
                  : "not yet"}
              </dd>
            </dl>
          ) : null}
          {sync.progress && sync.status === "filling" ? (
            <FillProgress done={sync.progress.done} total={sync.progress.total} />
          ) : null}
          {sync.last_error ? (
            <div className="flex items-start gap-2" role="alert">
              <StatusBadge color="red">error</StatusBadge>
              <Text size="small" className="text-ui-fg-error">
                {sync.last_error}
              </Text>
            </div>
          ) : null}
          {sync.enabled ? (
            <div>
              <Button
                size="small"
                variant="secondary"
                type="button"
                isLoading={update.isPending}
                onClick={() => run({ enabled: true, resync: true }, "Resynced")}
              >
                Resync now
              </Button>
            </div>
          ) : null}
          <DisablePrompt
            open={disabling}
            groupName={sync.customer_group_name}
            busy={update.isPending}
            onCancel={() => setDisabling(false)}
            onConfirm={async (choice) => {
              setDisabling(false)
              await run(
                { enabled: false, on_disable: choice },
                choice === "delete" ? "Sync stopped, group deleted" : "Sync stopped, group kept"
              )
            }}
          />
        </>
      )}
    </div>
  )
}
