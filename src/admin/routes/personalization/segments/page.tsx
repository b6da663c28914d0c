import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { useSegmentOverlap, useSegments } from "../../../hooks/segments"
import { freshness } from "./components/format"

const STATUS_COLOR = { draft: "grey", active: "green", archived: "orange" } as const
const PAGE = 20

const OverlapMatrix = () => {
  const { data } = useSegmentOverlap()
  if (!data || data.segments.length < 2) {
    return null
  }
  const cell = (a: string, b: string) =>
    data.overlaps.find((o) => o.segment_id === a && o.other_segment_id === b)?.count ?? 0
  return (
    <div className="px-6 py-4">
      <Heading level="h2">Overlap</Heading>
      <Text size="xsmall" className="text-ui-fg-subtle">
        Current members shared by each pair (diagonal: segment size).
      </Text>
      <table className="txt-compact-small mt-2" aria-label="Overlap matrix">
        <thead>
          <tr>
            <th />
            {data.segments.map((s) => (
              <th key={s.id} className="px-2">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.segments.map((a) => (
            <tr key={a.id}>
              <th className="px-2 text-left">{a.name}</th>
              {data.segments.map((b) => (
                <td key={b.id} className="px-2 text-right">
                  {cell(a.id, b.id)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const SegmentsPage = () => {
  const [page, setPage] = useState(0)
  const { data, isLoading } = useSegments({ limit: PAGE, offset: page * PAGE })
  const count = data?.count ?? 0
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Segments</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Precise customer segments, evaluated against the store's own orders.
          </Text>
        </div>
        <Button size="small" variant="secondary" asChild>
          <Link to="/personalization/segments/new">Create segment</Link>
        </Button>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Name</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Members</Table.HeaderCell>
            <Table.HeaderCell>Evaluated</Table.HeaderCell>
            <Table.HeaderCell>Priority</Table.HeaderCell>
            <Table.HeaderCell>Currency</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(data?.segments ?? []).map((s) => (
            <Table.Row key={s.id}>
              <Table.Cell>
                <Link to={`/personalization/segments/${s.id}`} className="text-ui-fg-interactive">
                  {s.name}
                </Link>
              </Table.Cell>
              <Table.Cell>
                <div className="flex items-center gap-1">
                  <StatusBadge color={STATUS_COLOR[s.status]}>{s.status}</StatusBadge>
                  {s.last_error ? (
                    <span title={s.last_error}>
                      <StatusBadge color="red">error</StatusBadge>
                    </span>
                  ) : null}
                </div>
              </Table.Cell>
              <Table.Cell>{s.member_count}</Table.Cell>
              <Table.Cell>{freshness(s)}</Table.Cell>
              <Table.Cell>
                {s.priority}
                {s.exclusive ? " (exclusive)" : ""}
              </Table.Cell>
              <Table.Cell>{s.currency_code.toUpperCase()}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {!isLoading && count === 0 && (
        <div className="px-6 py-4">
          <Text size="small">No segments yet.</Text>
        </div>
      )}
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
      <OverlapMatrix />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Segments",
})

export default SegmentsPage
