import { Badge, Button, Heading, Table, Text, toast } from "@medusajs/ui"
import { useApplyRepurchaseWindows, useRepurchaseWindows } from "../../../../hooks/recommendations"

/**
 * Repurchase windows: products customers re-buy on a cycle (detected on the store's orders), the
 * proposed `repurchase_window_days` next to the current one, "Accept" per product and "Accept all"
 * (for products whose window differs from the proposal). The `buy_again` placement serves them once due.
 */
export const RepurchaseWindowsPanel = () => {
  const { data, isLoading } = useRepurchaseWindows()
  const apply = useApplyRepurchaseWindows()
  const rows = data?.repurchase_windows ?? []
  const pending = rows.filter(
    (r) => r.proposed_window_days !== null && r.proposed_window_days !== r.current_window_days
  )
  const accept = (windows: { product_id: string; repurchase_window_days: number }[]) =>
    apply
      .mutateAsync({ windows })
      .then((r) => toast.success(`Repurchase windows set on ${r.repurchase_windows.length} product(s)`))
      .catch((e) => toast.error((e as Error).message))
  const toWindow = (r: (typeof rows)[number]) => ({
    product_id: r.product_id,
    repurchase_window_days: r.proposed_window_days!,
  })
  return (
    <>
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Repurchase windows</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Products customers buy again on a cycle. An accepted window lets the buy_again placement offer the product
            again once it has passed since the customer's last purchase.
          </Text>
        </div>
        <Button
          variant="secondary"
          disabled={!pending.length}
          isLoading={apply.isPending}
          onClick={() => accept(pending.slice(0, 500).map(toWindow))}
        >
          Accept all
        </Button>
      </div>
      <div className="px-6 py-4">
        {isLoading ? (
          <Text size="small">Loading…</Text>
        ) : !rows.length ? (
          <Text size="small" className="text-ui-fg-subtle">
            No product is re-bought on a cycle often enough to propose a window yet.
          </Text>
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Product</Table.HeaderCell>
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
                <Table.Row key={r.product_id}>
                  <Table.Cell>
                    {r.title ?? r.product_id}
                    <Text size="xsmall" className="text-ui-fg-muted">
                      {r.product_id}
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
                    <Button
                      size="small"
                      variant="secondary"
                      disabled={r.current_window_days === r.proposed_window_days || apply.isPending}
                      onClick={() => accept([toWindow(r)])}
                    >
                      Accept
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </div>
    </>
  )
}
