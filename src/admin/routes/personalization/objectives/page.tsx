import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Drawer, Heading, Input, Label, StatusBadge, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { SelectField } from "../../../components/select-field"
import {
  actorLabel,
  CreateObjectiveBody,
  entityLabel,
  formatMetric,
  Metric,
  METRIC_LABELS,
  Objective,
  useCreateObjective,
  useDecisionLog,
  useObjectives,
  VERDICT_LABEL,
  WINDOWED,
} from "../../../hooks/objectives"

const STATUS_COLOR = { draft: "grey", active: "green", achieved: "blue", abandoned: "red" } as const

const Progress = ({ o }: { o: Objective }) => {
  const p = o.latest?.progress_to_target
  if (p === null || p === undefined) {
    return (
      <Text size="xsmall" className="text-ui-fg-muted">
        {o.target === null ? "No target" : "No snapshot yet"}
      </Text>
    )
  }
  const clamped = Math.max(0, Math.min(1, p))
  return (
    <div className="flex items-center gap-2" aria-label={`progress ${o.name}`}>
      <div className="h-2 w-24 overflow-hidden rounded bg-ui-bg-subtle">
        <div className="h-2 bg-ui-tag-green-icon" style={{ width: `${clamped * 100}%` }} />
      </div>
      <Text size="xsmall">{Math.round(p * 100)}%</Text>
    </div>
  )
}

const METRIC_OPTIONS = (Object.keys(METRIC_LABELS) as Metric[]).map((m) => ({ value: m, label: METRIC_LABELS[m] }))
const DIRECTION_OPTIONS = [
  { value: "increase", label: "Increase" },
  { value: "decrease", label: "Decrease" },
]
const STATUS_OPTIONS = [
  { value: "draft", label: "Draft" },
  { value: "active", label: "Active (start measuring)" },
]

const CreateObjectiveDrawer = () => {
  const [open, setOpen] = useState(false)
  const [metric, setMetric] = useState<Metric>("average_order_value")
  const [direction, setDirection] = useState<"increase" | "decrease">("increase")
  const [status, setStatus] = useState<"draft" | "active">("draft")
  const create = useCreateObjective()
  const navigate = useNavigate()

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    const num = (k: string) => {
      const v = String(f.get(k) ?? "").trim()
      return v === "" ? undefined : Number(v)
    }
    const text = (k: string) => {
      const v = String(f.get(k) ?? "").trim()
      return v === "" ? undefined : v
    }
    const share = num("holdout_share")
    const body: CreateObjectiveBody = {
      name: String(f.get("name") ?? ""),
      metric,
      business_outcome: text("business_outcome"),
      metric_window_days: WINDOWED.includes(metric) ? (num("metric_window_days") ?? 90) : undefined,
      direction,
      target: num("target"),
      holdout_share: share === undefined ? undefined : share / 100,
      rationale: text("rationale"),
      deadline: text("deadline"),
      status,
    }
    try {
      const { objective } = await create.mutateAsync(body)
      toast.success("Objective created", { description: "Baseline computed from the store's orders." })
      setOpen(false)
      navigate(`/personalization/objectives/${objective.id}`)
    } catch (err) {
      toast.error("Could not create the objective", { description: (err as Error).message })
    }
  }

  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small">Create objective</Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col">
          <Drawer.Header>
            <Drawer.Title>Create objective</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="obj-name">Name</Label>
              <Input id="obj-name" name="name" required />
            </div>
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="obj-outcome">Business outcome</Label>
              <Input id="obj-outcome" name="business_outcome" placeholder="e.g. more revenue from returning buyers" />
            </div>
            <div className="flex flex-col gap-y-1">
              <SelectField
                id="obj-metric"
                label="Metric"
                value={metric}
                options={METRIC_OPTIONS}
                onChange={(v) => setMetric(v as Metric)}
              />
            </div>
            {WINDOWED.includes(metric) && (
              <div className="flex flex-col gap-y-1">
                <Label htmlFor="obj-window">N days</Label>
                <Input id="obj-window" name="metric_window_days" type="number" min={1} defaultValue={90} />
              </div>
            )}
            <div className="grid grid-cols-2 gap-4">
              <div className="flex flex-col gap-y-1">
                <SelectField
                  id="obj-direction"
                  label="Direction"
                  value={direction}
                  options={DIRECTION_OPTIONS}
                  onChange={(v) => setDirection(v as "increase" | "decrease")}
                />
              </div>
              <div className="flex flex-col gap-y-1">
                <Label htmlFor="obj-target">Target</Label>
                <Input id="obj-target" name="target" type="number" step="any" />
              </div>
              <div className="flex flex-col gap-y-1">
                <Label htmlFor="obj-holdout">Holdout share (%)</Label>
                <Input
                  id="obj-holdout"
                  name="holdout_share"
                  type="number"
                  step="any"
                  min={1}
                  max={50}
                  defaultValue={5}
                />
              </div>
              <div className="flex flex-col gap-y-1">
                <Label htmlFor="obj-deadline">Deadline</Label>
                <Input id="obj-deadline" name="deadline" type="date" />
              </div>
              <div className="flex flex-col gap-y-1">
                <SelectField
                  id="obj-status"
                  label="Status"
                  value={status}
                  options={STATUS_OPTIONS}
                  onChange={(v) => setStatus(v as "draft" | "active")}
                />
              </div>
            </div>
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="obj-rationale">Rationale</Label>
              <Textarea id="obj-rationale" name="rationale" placeholder="Why this objective, and why this target" />
            </div>
            <Text size="xsmall" className="text-ui-fg-subtle">
              Rates are fractions (a target of 0.05 means 5%); money is in the store currency. The baseline is computed
              from the store's own orders when you save.
            </Text>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button variant="secondary" size="small" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={create.isPending}>
              Create
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

/** The most recent decisions across objectives, segments and rules. */
const RecentDecisions = () => {
  const { data } = useDecisionLog({ limit: 20 })
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Decision log</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Every change to objectives, segments and rules: who, when and why.
        </Text>
      </div>
      {!data?.decisions.length ? (
        <Text size="small" className="px-6 py-4 text-ui-fg-muted">
          No decisions recorded yet.
        </Text>
      ) : (
        <table className="w-full text-left">
          <thead>
            <tr className="txt-compact-small-plus text-ui-fg-subtle">
              <th className="px-6 py-2">When</th>
              <th className="px-2 py-2">Entity</th>
              <th className="px-2 py-2">What</th>
              <th className="px-2 py-2">Who</th>
              <th className="px-2 py-2">Why</th>
            </tr>
          </thead>
          <tbody>
            {data.decisions.map((d) => (
              <tr key={d.id} className="border-t txt-compact-small">
                <td className="px-6 py-2 whitespace-nowrap">{new Date(d.created_at).toLocaleString("en-GB")}</td>
                <td className="px-2 py-2">
                  {d.entity_type === "objective" ? (
                    <Link to={`/personalization/objectives/${d.entity_id}`} className="text-ui-fg-interactive">
                      {entityLabel(d)}
                    </Link>
                  ) : (
                    entityLabel(d)
                  )}
                </td>
                <td className="px-2 py-2">{d.action}</td>
                <td className="px-2 py-2">{actorLabel(d)}</td>
                <td className="px-2 py-2">{d.reason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Container>
  )
}

const ObjectivesPage = () => (
  <div className="flex flex-col gap-y-3">
    <ObjectivesList />
    <RecentDecisions />
  </div>
)

const ObjectivesList = () => {
  const { data, isLoading, error } = useObjectives()
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Objectives</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Each objective has a baseline from the store's history, a target and a holdout that keeps the
            non-personalized experience, so lift is measured, not assumed.
          </Text>
        </div>
        <CreateObjectiveDrawer />
      </div>
      {isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {error && <Text className="px-6 py-4 text-ui-fg-error">{(error as Error).message}</Text>}
      {data && data.objectives.length === 0 && <Text className="px-6 py-4 text-ui-fg-subtle">No objectives yet.</Text>}
      {data && data.objectives.length > 0 && (
        <table className="w-full text-left">
          <thead>
            <tr className="txt-compact-small-plus text-ui-fg-subtle">
              <th className="px-6 py-2">Name</th>
              <th className="px-2 py-2">Metric</th>
              <th className="px-2 py-2">Status</th>
              <th className="px-2 py-2">Baseline</th>
              <th className="px-2 py-2">Target</th>
              <th className="px-2 py-2">Latest (treatment)</th>
              <th className="px-2 py-2">Progress to target</th>
              <th className="px-2 py-2">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {data.objectives.map((o) => (
              <tr key={o.id} className="border-t txt-compact-small" aria-label={`objective ${o.name}`}>
                <td className="px-6 py-2">
                  <Link to={`/personalization/objectives/${o.id}`} className="text-ui-fg-interactive">
                    {o.name}
                  </Link>
                </td>
                <td className="px-2 py-2">{METRIC_LABELS[o.metric]}</td>
                <td className="px-2 py-2">
                  <StatusBadge color={STATUS_COLOR[o.status]}>{o.status}</StatusBadge>
                </td>
                <td className="px-2 py-2">{formatMetric(o.metric, o.baseline, o.currency_code)}</td>
                <td className="px-2 py-2">{formatMetric(o.metric, o.target, o.currency_code)}</td>
                <td className="px-2 py-2">{formatMetric(o.metric, o.latest?.treatment_value, o.currency_code)}</td>
                <td className="px-2 py-2">
                  <Progress o={o} />
                </td>
                <td className="px-2 py-2">
                  {o.latest ? (
                    <StatusBadge color={VERDICT_LABEL[o.latest.verdict].color}>
                      {VERDICT_LABEL[o.latest.verdict].label}
                    </StatusBadge>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Objectives" })

export default ObjectivesPage
