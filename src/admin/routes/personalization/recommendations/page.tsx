import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Input, Label, Select, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import {
  PreviewQuery,
  RecommendationRule,
  RuleInput,
  useCreateRecommendationRule,
  useDeleteRecommendationRule,
  useRebuildAffinity,
  useRecommendationPreview,
  useRecommendationRules,
  useUpdateRecommendationRule,
} from "../../../hooks/recommendations"

const ACTIONS = ["boost", "bury", "pin", "exclude"] as const
const TARGETS = ["product", "category", "collection", "tag"] as const

const emptyRule: Partial<RuleInput> = { name: "", action: "boost", target_type: "product", target_id: "", weight: 1, status: "active" }

const RuleEditor = () => {
  const [draft, setDraft] = useState<Partial<RuleInput>>(emptyRule)
  const create = useCreateRecommendationRule()
  const set = (k: keyof RuleInput, v: unknown) => setDraft((d) => ({ ...d, [k]: v }))
  const submit = async () => {
    try {
      await create.mutateAsync({
        ...draft,
        segment_id: draft.segment_id || null,
        objective_id: draft.objective_id || null,
        weight: Number(draft.weight ?? 1),
      })
      toast.success("Rule created")
      setDraft(emptyRule)
    } catch (e) {
      toast.error((e as Error).message)
    }
  }
  return (
    <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-4">
      <div>
        <Label htmlFor="rule-name">Name</Label>
        <Input id="rule-name" value={draft.name ?? ""} onChange={(e) => set("name", e.target.value)} />
      </div>
      <div>
        <Label htmlFor="rule-action">Action</Label>
        <Select value={draft.action} onValueChange={(v) => set("action", v)}>
          <Select.Trigger id="rule-action" aria-label="Action">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {ACTIONS.map((a) => (
              <Select.Item key={a} value={a}>
                {a}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div>
        <Label htmlFor="rule-target-type">Target type</Label>
        <Select value={draft.target_type} onValueChange={(v) => set("target_type", v)}>
          <Select.Trigger id="rule-target-type" aria-label="Target type">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {TARGETS.map((t) => (
              <Select.Item key={t} value={t}>
                {t}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div>
        <Label htmlFor="rule-target-id">Target id</Label>
        <Input id="rule-target-id" placeholder="prod_…, pcat_…, pcol_…, ptag_…" value={draft.target_id ?? ""} onChange={(e) => set("target_id", e.target.value)} />
      </div>
      <div>
        <Label htmlFor="rule-weight">Weight</Label>
        <Input id="rule-weight" type="number" min={0} value={String(draft.weight ?? 1)} onChange={(e) => set("weight", e.target.value)} />
      </div>
      <div>
        <Label htmlFor="rule-segment">Segment id</Label>
        <Input id="rule-segment" placeholder="seg_… (empty: everyone)" value={draft.segment_id ?? ""} onChange={(e) => set("segment_id", e.target.value)} />
      </div>
      <div>
        <Label htmlFor="rule-objective">Objective id</Label>
        <Input id="rule-objective" placeholder="obj_…" value={draft.objective_id ?? ""} onChange={(e) => set("objective_id", e.target.value)} />
      </div>
      <div className="flex items-end">
        <Button onClick={submit} isLoading={create.isPending} disabled={!draft.name || !draft.target_id}>
          Add rule
        </Button>
      </div>
    </div>
  )
}

const RuleRow = ({ rule }: { rule: RecommendationRule }) => {
  const update = useUpdateRecommendationRule()
  const remove = useDeleteRecommendationRule()
  const toggle = () =>
    update
      .mutateAsync({ id: rule.id, status: rule.status === "active" ? "draft" : "active" })
      .catch((e) => toast.error((e as Error).message))
  return (
    <Table.Row>
      <Table.Cell>{rule.name}</Table.Cell>
      <Table.Cell>
        <Badge size="2xsmall">{rule.action}</Badge> {rule.target_type} <code>{rule.target_id}</code>
      </Table.Cell>
      <Table.Cell>{rule.weight}</Table.Cell>
      <Table.Cell>{rule.segment_id ?? "everyone"}</Table.Cell>
      <Table.Cell>{rule.objective_id ?? "—"}</Table.Cell>
      <Table.Cell>v{rule.version}</Table.Cell>
      <Table.Cell>
        <StatusBadge color={rule.status === "active" ? "green" : "grey"}>{rule.status}</StatusBadge>
      </Table.Cell>
      <Table.Cell>
        <div className="flex gap-2">
          <Button size="small" variant="secondary" onClick={toggle}>
            {rule.status === "active" ? "Deactivate" : "Activate"}
          </Button>
          <Button size="small" variant="danger" onClick={() => remove.mutate(rule.id)}>
            Delete
          </Button>
        </div>
      </Table.Cell>
    </Table.Row>
  )
}

const PreviewPanel = () => {
  const [form, setForm] = useState<PreviewQuery>({ placement: "home", limit: 10 })
  const [query, setQuery] = useState<PreviewQuery | null>(null)
  const { data, isFetching, error } = useRecommendationPreview(query)
  const preview = data?.preview
  return (
    <div className="flex flex-col gap-3 px-6 py-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <div>
          <Label htmlFor="preview-customer">Customer id</Label>
          <Input id="preview-customer" placeholder="cus_… (empty: anonymous)" value={form.customer_id ?? ""} onChange={(e) => setForm({ ...form, customer_id: e.target.value || undefined })} />
        </div>
        <div>
          <Label htmlFor="preview-placement">Placement</Label>
          <Select value={form.placement} onValueChange={(v) => setForm({ ...form, placement: v as PreviewQuery["placement"] })}>
            <Select.Trigger id="preview-placement" aria-label="Placement">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {["home", "product"].map((p) => (
                <Select.Item key={p} value={p}>
                  {p}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        <div>
          <Label htmlFor="preview-product">Product id</Label>
          <Input id="preview-product" placeholder="prod_… (placement product)" value={form.product_id ?? ""} onChange={(e) => setForm({ ...form, product_id: e.target.value || undefined })} />
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
            Group: {preview.experiment.group ?? "none"} · personalized: {String(preview.experiment.personalized)} · segments:{" "}
            {preview.segment_ids.join(", ") || "none"} · removed:{" "}
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

const RecommendationsPage = () => {
  const { data, isLoading } = useRecommendationRules()
  const rebuild = useRebuildAffinity()
  return (
    <div className="flex flex-col gap-4">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h1">Recommendations</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Co-purchase recommendations with segment rules and labeled fallbacks, served by GET /store/recommendations.
            </Text>
          </div>
          <Button
            variant="secondary"
            isLoading={rebuild.isPending}
            onClick={() =>
              rebuild
                .mutateAsync()
                .then((r) => toast.success(`Co-purchases rebuilt: ${r.affinity.pairs} pairs from ${r.affinity.orders} orders`))
                .catch((e) => toast.error((e as Error).message))
            }
          >
            Rebuild co-purchases
          </Button>
        </div>
        <div className="px-6 py-4">
          <Heading level="h2">Rules</Heading>
        </div>
        <RuleEditor />
        <div className="px-6 py-4">
          {isLoading ? (
            <Text>Loading…</Text>
          ) : (
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Name</Table.HeaderCell>
                  <Table.HeaderCell>Rule</Table.HeaderCell>
                  <Table.HeaderCell>Weight</Table.HeaderCell>
                  <Table.HeaderCell>Segment</Table.HeaderCell>
                  <Table.HeaderCell>Objective</Table.HeaderCell>
                  <Table.HeaderCell>Version</Table.HeaderCell>
                  <Table.HeaderCell>Status</Table.HeaderCell>
                  <Table.HeaderCell />
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {data?.rules.map((r) => <RuleRow key={r.id} rule={r} />)}
              </Table.Body>
            </Table>
          )}
          {data && !data.rules.length && (
            <Text size="small" className="text-ui-fg-subtle">
              No rules yet.
            </Text>
          )}
        </div>
      </Container>
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">View as customer</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The list the store would serve, with each item's source, score and reasons.
          </Text>
        </div>
        <PreviewPanel />
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Recommendations",
})

export default RecommendationsPage
