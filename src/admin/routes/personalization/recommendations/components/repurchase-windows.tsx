import { Badge, Button, Heading, Table, Text, toast } from "@medusajs/ui"
import { useApplyRepurchaseWindows, useRepurchaseWindows } from "../../../../hooks/recommendations"
import type { AdminRepurchaseWindowsInput } from "../../../../../types/recommendations"

/** One proposal row, product or category. */
type Row = {
  id: string
  label: string
  buyers: number
  rebuy_share: number
  median_interval_days: number | null
  proposed_window_days: number | null
  current_window_days: number | null
}

const isPending = (r: Row) => r.proposed_window_days !== null && r.proposed_window_days !== r.current_window_days

const WindowsTable = ({
  what,
  rows,
  busy,
  onAccept,
}: {
  what: string
  rows: Row[]
  busy: boolean
  onAccept: (rows: Row[]) => void
}) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>{what}</Table.HeaderCell>
        <Table.HeaderCell>Buyers</Table.HeaderCell>
        <Table.HeaderCell>Re-buy share</Table.HeaderCell>
        <Table.HeaderCell>Median interval</Table.HeaderCell>
        <Table.HeaderCell>Proposed</Table.HeaderCell>
        <Table.HeaderCell>Current</Table.HeaderCell>
        <Table.HeaderCell />
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {rows.map((r) => (
        <Table.Row key={r.id}>
          <Table.Cell>
            {r.label}
            <Text size="xsmall" className="text-ui-fg-muted">
              {r.id}
            </Text>
          </Table.Cell>
          <Table.Cell>{r.buyers}</Table.Cell>
          <Table.Cell>{(r.rebuy_share * 100).toFixed(0)}%</Table.Cell>
          <Table.Cell>{r.median_interval_days ?? "-"} days</Table.Cell>
          <Table.Cell>{r.proposed_window_days} days</Table.Cell>
          <Table.Cell>
            {r.current_window_days === null ? "-" : `${r.current_window_days} days`}{" "}
            {r.current_window_days === r.proposed_window_days && <Badge size="2xsmall">accepted</Badge>}
          </Table.Cell>
          <Table.Cell>
            <Button size="small" variant="secondary" disabled={!isPending(r) || busy} onClick={() => onAccept([r])}>
              Accept
            </Button>
          </Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)

/**
 * Repurchase windows: products customers re-buy on a cycle, and categories whose products are
 * (detected on the store's orders), the proposed `repurchase_window_days` next to the current one,
 * "Accept" per row and "Accept all" (rows whose window differs from the proposal). A category's
 * window serves its products without one of their own. The `buy_again` placement serves them once due.
 */
export const RepurchaseWindowsPanel = () => {
  const { data, isLoading } = useRepurchaseWindows()
  const apply = useApplyRepurchaseWindows()
  const products: Row[] = (data?.repurchase_windows ?? []).map((r) => ({
    ...r,
    id: r.product_id,
    label: r.title ?? r.product_id,
  }))
  const categories: Row[] = (data?.category_windows ?? []).map((r) => ({
    ...r,
    id: r.category_id,
    label: r.name ?? r.category_id,
  }))
  const days = (r: Row) => r.proposed_window_days!
  const accept = (productRows: Row[], categoryRows: Row[]) => {
    const body: AdminRepurchaseWindowsInput = {}
    if (productRows.length) {
      body.windows = productRows.slice(0, 500).map((r) => ({ product_id: r.id, repurchase_window_days: days(r) }))
    }
    if (categoryRows.length) {
      body.category_windows = categoryRows
        .slice(0, 500)
        .map((r) => ({ category_id: r.id, repurchase_window_days: days(r) }))
    }
    return apply
      .mutateAsync(body)
      .then((r) =>
        toast.success(
          `Repurchase windows set on ${r.repurchase_windows.length} product(s) and ${r.category_windows.length} category(ies)`
        )
      )
      .catch((e) => toast.error((e as Error).message))
  }
  const pendingProducts = products.filter(isPending)
  const pendingCategories = categories.filter(isPending)
  return (
    <>
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Repurchase windows</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Products customers buy again on a cycle. An accepted window lets the buy_again placement offer the product
            again once it has passed since the customer's last purchase. A category's window serves its products that
            have no window of their own.
          </Text>
        </div>
        <Button
          variant="secondary"
          disabled={!pendingProducts.length && !pendingCategories.length}
          isLoading={apply.isPending}
          onClick={() => accept(pendingProducts, pendingCategories)}
        >
          Accept all
        </Button>
      </div>
      <div className="flex flex-col gap-y-4 px-6 py-4">
        {isLoading ? (
          <Text size="small">Loading…</Text>
        ) : !products.length && !categories.length ? (
          <Text size="small" className="text-ui-fg-subtle">
            No product or category is re-bought on a cycle often enough to propose a window yet.
          </Text>
        ) : (
          <>
            {products.length > 0 && (
              <WindowsTable
                what="Product"
                rows={products}
                busy={apply.isPending}
                onAccept={(rows) => accept(rows, [])}
              />
            )}
            {categories.length > 0 && (
              <WindowsTable
                what="Category"
                rows={categories}
                busy={apply.isPending}
                onAccept={(rows) => accept([], rows)}
              />
            )}
          </>
        )}
      </div>
    </>
  )
}
