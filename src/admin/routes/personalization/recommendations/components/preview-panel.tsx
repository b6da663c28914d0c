import { Badge, Button, Label, Select, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { SearchSelect } from "../../../../components/search-select"
import { usePickerLabels } from "../../../../hooks/pickers"
import { PreviewQuery, useRecommendationPreview } from "../../../../hooks/recommendations"

export const PreviewPanel = () => {
  const [form, setForm] = useState<PreviewQuery>({ placement: "home", limit: 10 })
  const [query, setQuery] = useState<PreviewQuery | null>(null)
  const { data, isFetching, error } = useRecommendationPreview(query)
  const preview = data?.preview
  const segments = usePickerLabels("segment", preview?.segment_ids ?? []).data ?? {}
  return (
    <div className="flex flex-col gap-3 px-6 py-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <div>
          <Label htmlFor="preview-customer">Customer</Label>
          <SearchSelect
            id="preview-customer"
            source="customer"
            value={form.customer_id ?? null}
            onChange={(id) => setForm((f) => ({ ...f, customer_id: id ?? undefined }))}
            emptyLabel="Anonymous"
          />
        </div>
        <div>
          <Label htmlFor="preview-placement">Placement</Label>
          <Select
            value={form.placement}
            onValueChange={(v) => setForm({ ...form, placement: v as PreviewQuery["placement"] })}
          >
            <Select.Trigger id="preview-placement" aria-label="Placement">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {["home", "product", "buy_again"].map((p) => (
                <Select.Item key={p} value={p}>
                  {p}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        <div>
          <Label htmlFor="preview-product">Product</Label>
          <SearchSelect
            id="preview-product"
            source="product"
            value={form.product_id ?? null}
            onChange={(id) => setForm((f) => ({ ...f, product_id: id ?? undefined }))}
            emptyLabel="None"
            placeholder={form.placement === "product" ? "Search products…" : "None"}
          />
        </div>
        <div className="flex items-end">
          <Button variant="secondary" onClick={() => setQuery({ ...form })} isLoading={isFetching}>
            View as customer
          </Button>
        </div>
      </div>
      {error && <Text className="text-ui-fg-error">{(error as Error).message}</Text>}
      {preview && (
        <div className="flex flex-col gap-2" aria-label="Preview">
          <Text size="small" className="text-ui-fg-subtle">
            Group: {preview.experiment.group ?? "none"} · personalized: {String(preview.experiment.personalized)} ·
            segments: {preview.segment_ids.map((id) => segments[id]?.label ?? id).join(", ") || "none"} · removed:{" "}
            {Object.entries(preview.filters)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ") || "nothing"}
          </Text>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>#</Table.HeaderCell>
                <Table.HeaderCell>Product</Table.HeaderCell>
                <Table.HeaderCell>Source</Table.HeaderCell>
                <Table.HeaderCell>Score</Table.HeaderCell>
                <Table.HeaderCell>Reasons</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {preview.items.map((i, idx) => (
                <Table.Row key={i.product_id}>
                  <Table.Cell>{idx + 1}</Table.Cell>
                  <Table.Cell>{i.product?.title ?? i.product_id}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={i.trace.fallback ? "orange" : "green"}>
                      {i.trace.source}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>{i.score.toFixed(3)}</Table.Cell>
                  <Table.Cell>{i.reasons.map((r) => r.message).join(" · ")}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </div>
  )
}
