import { Button, Checkbox, Container, Heading, Label, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate, useParams } from "react-router-dom"
import {
  useDeleteSegment,
  useEvaluateSegment,
  useExportSegmentMembers,
  useSegment,
  useSegmentAttributes,
  useSegmentMembers,
  useSegmentOverlap,
  useSegmentVersions,
  useUpdateSegment,
} from "../../../../hooks/segments"
import { GroupSyncSection } from "../components/group-sync"
import { SegmentForm } from "../components/segment-form"
import { freshness } from "../components/format"
import { describeRules } from "../components/rule-state"

const STATUS_COLOR = { draft: "grey", active: "green", archived: "orange" } as const
const PAGE = 20

const Members = ({ id }: { id: string }) => {
  const [page, setPage] = useState(0)
  const [history, setHistory] = useState(false)
  const { data } = useSegmentMembers(id, { limit: PAGE, offset: page * PAGE, include_exited: history })
  const exportCsv = useExportSegmentMembers(id)
  const count = data?.count ?? 0
  return (
    <div className="flex flex-col gap-2 py-4">
      <div className="flex items-center justify-between px-6">
        <Heading level="h2">Members ({count})</Heading>
        <div className="flex items-center gap-4">
          <div className="flex items-center gap-2">
            <Checkbox
              id="members-history"
              checked={history}
              onCheckedChange={(v) => {
                setHistory(v === true)
                setPage(0)
              }}
            />
            <Label htmlFor="members-history" size="small">
              Include past members
            </Label>
          </div>
          {/* through the js-sdk (session, backend URL), then saved by the browser: current members, each condition's fact */}
          <Button
            size="small"
            variant="secondary"
            isLoading={exportCsv.isPending}
            onClick={() =>
              exportCsv.mutate(undefined, {
                onError: (e) => toast.error("Could not export the members", { description: (e as Error).message }),
              })
            }
          >
            Export CSV
          </Button>
        </div>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Customer</Table.HeaderCell>
            <Table.HeaderCell>Entered</Table.HeaderCell>
            <Table.HeaderCell>Exited</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(data?.members ?? []).map((m) => (
            <Table.Row key={m.id}>
              <Table.Cell>
                <Link to={`/customers/${m.customer_id}`} className="text-ui-fg-interactive">
                  {m.customer?.email ?? m.customer_id}
                </Link>
              </Table.Cell>
              <Table.Cell>{new Date(m.entered_at).toLocaleString()}</Table.Cell>
              <Table.Cell>{m.exited_at ? new Date(m.exited_at).toLocaleString() : "—"}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {count > PAGE && (
        <Table.Pagination
          count={count}
          pageSize={PAGE}
          pageIndex={page}
          pageCount={Math.ceil(count / PAGE)}
          canPreviousPage={page > 0}
          canNextPage={(page + 1) * PAGE < count}
          previousPage={() => setPage((p) => p - 1)}
          nextPage={() => setPage((p) => p + 1)}
        />
      )}
    </div>
  )
}

const History = ({ id }: { id: string }) => {
  const { data } = useSegmentVersions(id)
  return (
    <div className="flex flex-col gap-2 px-6 py-4">
      <Heading level="h2">Definition history</Heading>
      <ul className="txt-compact-small flex flex-col gap-1">
        {(data?.versions ?? []).map((v) => (
          <li key={v.id}>
            <details>
              <summary>
                v{v.version} · {new Date(v.created_at).toLocaleString()} · by {v.actor_id ?? "system"}
              </summary>
              <pre className="txt-compact-xsmall">{JSON.stringify(v.definition, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ul>
    </div>
  )
}

const Overlap = ({ id }: { id: string }) => {
  const { data } = useSegmentOverlap()
  const rows = (data?.overlaps ?? []).filter((o) => o.segment_id === id && o.other_segment_id !== id && o.count > 0)
  const name = (sid: string) => data?.segments.find((s) => s.id === sid)?.name ?? sid
  return (
    <div className="flex flex-col gap-2 px-6 py-4">
      <Heading level="h2">Overlap with other segments</Heading>
      {rows.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">
          No current member is in another segment.
        </Text>
      ) : (
        <ul className="txt-compact-small">
          {rows.map((o) => (
            <li key={o.other_segment_id}>
              <Link to={`/personalization/segments/${o.other_segment_id}`} className="text-ui-fg-interactive">
                {name(o.other_segment_id)}
              </Link>
              : {o.count} shared customers
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

const SegmentDetailPage = () => {
  const { id = "" } = useParams()
  const { data, isLoading } = useSegment(id)
  const update = useUpdateSegment(id)
  const evaluate = useEvaluateSegment(id)
  const remove = useDeleteSegment(id)
  const navigate = useNavigate()
  const [editing, setEditing] = useState(false)
  const { data: lang } = useSegmentAttributes()
  const s = data?.segment
  if (isLoading || !s) {
    return (
      <Container>
        <Text>Loading…</Text>
      </Container>
    )
  }
  return (
    <div className="flex flex-col gap-3">
      <Container className="divide-y p-0">
        <div className="flex items-start justify-between px-6 py-4">
          <div>
            <Heading level="h1">{s.name}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {s.description || s.handle} · {s.currency_code.toUpperCase()} · priority {s.priority}
              {s.exclusive ? " · exclusive" : ""} · v{s.version}
            </Text>
            <div className="mt-2 flex items-center gap-2">
              <StatusBadge color={STATUS_COLOR[s.status]}>{s.status}</StatusBadge>
              <Text size="small">
                {s.member_count} members · evaluated {freshness(s)}
              </Text>
            </div>
            {s.last_error ? (
              <div className="mt-2 flex items-start gap-2" role="alert">
                <StatusBadge color="red">error</StatusBadge>
                <Text size="small" className="text-ui-fg-error">
                  The last evaluation failed{s.last_error_at ? ` (${new Date(s.last_error_at).toLocaleString()})` : ""},{" "}
                  {s.error_count} time{s.error_count === 1 ? "" : "s"} in a row; members are as of the last success and
                  it is retried hourly: {s.last_error}
                </Text>
              </div>
            ) : null}
          </div>
          <div className="flex gap-2">
            <Button
              size="small"
              variant="secondary"
              isLoading={evaluate.isPending}
              onClick={async () => {
                try {
                  const { evaluation } = await evaluate.mutateAsync()
                  toast.success("Evaluated", {
                    description: `${evaluation.member_count} members (+${evaluation.entered} / -${evaluation.exited}) in ${evaluation.took_ms} ms`,
                  })
                } catch (e) {
                  toast.error("Evaluation failed", { description: (e as Error).message })
                }
              }}
            >
              Evaluate now
            </Button>
            <Button size="small" variant="secondary" onClick={() => setEditing((x) => !x)}>
              {editing ? "Close editor" : "Edit"}
            </Button>
            <Button
              size="small"
              variant="danger"
              onClick={async () => {
                if (!window.confirm(`Delete segment "${s.name}"?`)) return
                await remove.mutateAsync()
                navigate("/personalization/segments")
              }}
            >
              Delete
            </Button>
          </div>
        </div>
        {editing ? (
          <SegmentForm
            initial={s}
            submitLabel="Save segment"
            saving={update.isPending}
            onSubmit={async (body) => {
              try {
                await update.mutateAsync(body)
                toast.success("Saved", { description: "A new version was recorded." })
                setEditing(false)
              } catch (e) {
                toast.error("Could not save", { description: (e as Error).message })
              }
            }}
          />
        ) : (
          <div className="flex flex-col gap-1 px-6 py-4" aria-label="Rules">
            <Text size="small" weight="plus">
              Rules
            </Text>
            <ul className="txt-compact-small">
              {describeRules(s.rules, lang?.attributes ?? []).map((line, i) => (
                <li key={i} style={{ paddingLeft: `${line.depth * 1.25}rem` }}>
                  {line.text}
                </li>
              ))}
            </ul>
            <details className="txt-compact-xsmall text-ui-fg-subtle">
              <summary>As JSON</summary>
              <pre>{JSON.stringify(s.rules, null, 2)}</pre>
            </details>
          </div>
        )}
      </Container>
      <Container className="divide-y p-0">
        <GroupSyncSection segmentId={id} />
      </Container>
      <Container className="divide-y p-0">
        <Members id={id} />
      </Container>
      <Container className="divide-y p-0">
        <Overlap id={id} />
        <History id={id} />
      </Container>
    </div>
  )
}

export default SegmentDetailPage
