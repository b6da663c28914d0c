import { Badge, Button, Input, Label, Select, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { ReactNode, useState } from "react"
import { SearchSelect } from "../../../../components/search-select"
import { Objective } from "../../../../hooks/objectives"
import { PickerOption } from "../../../../hooks/pickers"
import {
  RecommendationRule,
  RuleInput,
  useCreateRecommendationRule,
  useDeleteRecommendationRule,
  useUpdateRecommendationRule,
} from "../../../../hooks/recommendations"

const ACTIONS = ["boost", "bury", "pin", "exclude"] as const
const TARGETS = ["product", "category", "collection", "tag"] as const
const TARGET_PLURAL: Record<RecommendationRule["target_type"], string> = {
  product: "products",
  category: "categories",
  collection: "collections",
  tag: "tags",
}
const objectiveColor = (status: Objective["status"]) =>
  status === "active" ? "green" : status === "draft" ? "grey" : status === "achieved" ? "blue" : "red"

/** A name with the stored id underneath, for table cells. */
export const Named = ({
  prefix,
  name,
  id,
  children,
}: {
  prefix?: ReactNode
  name: ReactNode
  id?: string | null
  children?: ReactNode
}) => (
  <div className="flex min-w-0 flex-col">
    <span className="flex items-center gap-x-1">
      {prefix}
      <span>{name}</span>
      {children}
    </span>
    {id && (
      <Text size="xsmall" className="text-ui-fg-muted max-w-[160px] truncate font-mono" title={id}>
        {id}
      </Text>
    )}
  </div>
)

const emptyRule: Partial<RuleInput> = {
  name: "",
  action: "boost",
  target_type: "product",
  target_id: "",
  weight: 1,
  segment_id: null,
  objective_id: null,
  status: "active",
}

export const RuleEditor = () => {
  const [draft, setDraft] = useState<Partial<RuleInput>>(emptyRule)
  const create = useCreateRecommendationRule()
  const set = (k: keyof RuleInput, v: unknown) => setDraft((d) => ({ ...d, [k]: v }))
  const targetType = draft.target_type ?? "product"
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
        <Label htmlFor="rule-target-type">Applies to</Label>
        <Select
          value={targetType}
          // a target id only means something for its own type
          onValueChange={(v) => setDraft((d) => ({ ...d, target_type: v as RuleInput["target_type"], target_id: "" }))}
        >
          <Select.Trigger id="rule-target-type" aria-label="Applies to">
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
        <Label htmlFor="rule-target">Target</Label>
        <SearchSelect
          key={targetType}
          id="rule-target"
          source={targetType}
          value={draft.target_id || null}
          onChange={(id) => set("target_id", id ?? "")}
          placeholder={`Search ${TARGET_PLURAL[targetType]}…`}
        />
      </div>
      <div>
        <Label htmlFor="rule-weight">Weight</Label>
        <Input
          id="rule-weight"
          type="number"
          min={0}
          value={String(draft.weight ?? 1)}
          onChange={(e) => set("weight", e.target.value)}
        />
      </div>
      <div>
        <Label htmlFor="rule-segment">Segment</Label>
        <SearchSelect
          id="rule-segment"
          source="segment"
          value={draft.segment_id ?? null}
          onChange={(id) => set("segment_id", id)}
          emptyLabel="Everyone"
          placeholder="Search segments…"
        />
      </div>
      <div>
        <Label htmlFor="rule-objective">Objective</Label>
        <SearchSelect
          id="rule-objective"
          source="objective"
          value={draft.objective_id ?? null}
          onChange={(id) => set("objective_id", id)}
          placeholder="Search objectives…"
        />
        <Text id="rule-objective-hint" size="xsmall" className="text-ui-fg-subtle mt-1">
          An active rule serves a draft or active objective, measured against its holdout.
        </Text>
      </div>
      <div className="flex items-end">
        <Button
          onClick={submit}
          isLoading={create.isPending}
          disabled={!draft.name || !draft.target_id || !draft.objective_id}
        >
          Add rule
        </Button>
      </div>
    </div>
  )
}

type RuleRowProps = {
  rule: RecommendationRule
  target?: { label: string }
  segment?: PickerOption
  /** `description` is the objective's status. */
  objective?: PickerOption
}

export const RuleRow = ({ rule, target, segment, objective }: RuleRowProps) => {
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
        <Named
          prefix={
            <>
              <Badge size="2xsmall" className="shrink-0">
                {rule.action}
              </Badge>{" "}
              {rule.target_type}
            </>
          }
          name={target?.label ?? <code>{rule.target_id}</code>}
          id={target ? rule.target_id : null}
        />
      </Table.Cell>
      <Table.Cell>{rule.weight}</Table.Cell>
      <Table.Cell>
        {rule.segment_id ? (
          <Named name={segment?.label ?? rule.segment_id} id={segment ? rule.segment_id : null} />
        ) : (
          "Everyone"
        )}
      </Table.Cell>
      <Table.Cell>
        {rule.objective_id ? (
          <Named name={objective?.label ?? rule.objective_id} id={objective ? rule.objective_id : null}>
            {objective?.description && (
              <StatusBadge className="shrink-0" color={objectiveColor(objective.description as Objective["status"])}>
                {objective.description}
              </StatusBadge>
            )}
          </Named>
        ) : (
          "—"
        )}
      </Table.Cell>
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
