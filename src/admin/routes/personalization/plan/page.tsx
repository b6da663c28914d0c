import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Drawer, Heading, Input, Label, StatusBadge, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { SelectField } from "../../../components/select-field"
import {
  AdminPlanResponse,
  CreateRequirementBody,
  DataGap,
  PLAN_EXPORTS,
  planExportUrl,
  PlanObjective,
  PlanRequirement,
  PlanRule,
  PlanSegment,
  useCreateRequirement,
  useDeleteRequirement,
  usePlan,
  useSetReview,
} from "../../../hooks/plan"

const ROLE_OPTIONS = ["marketing", "merchandising", "technology", "analytics"].map((r) => ({ value: r, label: r }))
const PRIORITY_OPTIONS = ["must", "should", "could"].map((p) => ({ value: p, label: p }))
/** Radix Selects take no empty value: "none" stands for no choice. */
const NONE = "none"
const optionsOrNone = (rows: { id: string; name: string }[]) => [
  { value: NONE, label: "None" },
  ...rows.map((r) => ({ value: r.id, label: r.name })),
]
const chosen = (v: string) => (v === NONE ? undefined : v)

const num = (n: number | null) => (n === null ? "–" : String(Number(n.toFixed(4))))
const day = (d: string | null) => (d ? d.slice(0, 10) : "–")
const words = (s: string) => s.replace(/_/g, " ")

const VERDICT_COLOR: Record<string, "green" | "red" | "orange" | "grey"> = {
  treatment_wins: "green",
  holdout_wins: "red",
  no_significant_difference: "grey",
}

const CreateRequirementDrawer = ({ plan }: { plan?: AdminPlanResponse }) => {
  const [open, setOpen] = useState(false)
  const [role, setRole] = useState("marketing")
  const [priority, setPriority] = useState("should")
  const [objectiveId, setObjectiveId] = useState(NONE)
  const [segmentId, setSegmentId] = useState(NONE)
  const [ruleId, setRuleId] = useState(NONE)
  const create = useCreateRequirement()
  const objectives = plan?.objectives ?? []
  const segments = [...new Map(objectives.flatMap((o) => o.segments).map((s) => [s.id, s])).values()]
  const rules = [
    ...new Map(
      [...objectives.flatMap((o) => o.rules), ...(plan?.unanchored.rules ?? [])].map((r) => [r.id, r])
    ).values(),
  ]

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    const text = (k: string) => String(f.get(k) ?? "").trim() || undefined
    const links: CreateRequirementBody["links"] = []
    if (chosen(segmentId)) links.push({ target_type: "segment", target_id: segmentId })
    if (chosen(ruleId)) links.push({ target_type: "recommendation_rule", target_id: ruleId })
    try {
      await create.mutateAsync({
        role: role as CreateRequirementBody["role"],
        statement: text("statement") ?? "",
        acceptance_criterion: text("acceptance_criterion") ?? "",
        priority: priority as CreateRequirementBody["priority"],
        owner: text("owner"),
        objective_id: chosen(objectiveId) ?? null,
        links,
        reason: text("reason"),
      })
      toast.success("Requirement added")
      setOpen(false)
    } catch (err) {
      toast.error("Could not add the requirement", { description: (err as Error).message })
    }
  }

  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small">Add requirement</Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>Add requirement</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <div className="grid grid-cols-2 gap-4">
              <div>
                <SelectField id="req-role" label="Role" value={role} options={ROLE_OPTIONS} onChange={setRole} />
              </div>
              <div>
                <SelectField
                  id="req-priority"
                  label="Priority"
                  value={priority}
                  options={PRIORITY_OPTIONS}
                  onChange={setPriority}
                />
              </div>
            </div>
            <div>
              <Label htmlFor="req-statement">Statement</Label>
              <Textarea id="req-statement" name="statement" required />
            </div>
            <div>
              <Label htmlFor="req-acceptance">Acceptance criterion</Label>
              <Textarea id="req-acceptance" name="acceptance_criterion" required />
            </div>
            <div>
              <Label htmlFor="req-owner">Owner</Label>
              <Input id="req-owner" name="owner" />
            </div>
            <div>
              <SelectField
                id="req-objective"
                label="Objective it serves"
                value={objectiveId}
                options={optionsOrNone(objectives)}
                onChange={setObjectiveId}
              />
            </div>
            <div>
              <SelectField
                id="req-segment"
                label="Satisfied by segment"
                value={segmentId}
                options={optionsOrNone(segments)}
                onChange={setSegmentId}
              />
            </div>
            <div>
              <SelectField
                id="req-rule"
                label="Satisfied by rule"
                value={ruleId}
                options={optionsOrNone(rules)}
                onChange={setRuleId}
              />
            </div>
            <div>
              <Label htmlFor="req-reason">Reason (decision log)</Label>
              <Input id="req-reason" name="reason" />
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={create.isPending}>
              Add
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

/** Sets the next review date of an objective or segment (logged in the decision log). */
const ReviewControl = ({
  type,
  id,
  current,
}: {
  type: "objective" | "segment"
  id: string
  current: string | null
}) => {
  const setReview = useSetReview()
  const [date, setDate] = useState(current?.slice(0, 10) ?? "")
  const save = (reviewed: boolean) =>
    setReview.mutate(
      { entity_type: type, entity_id: id, review_by: date, reviewed },
      {
        onSuccess: () => toast.success(reviewed ? "Marked reviewed" : "Review date set"),
        onError: (e) => toast.error(e.message),
      }
    )
  return (
    <div className="flex items-center gap-2">
      <Input
        size="small"
        type="date"
        aria-label={`review date of ${type} ${id}`}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        className="w-40"
      />
      <Button size="small" variant="secondary" type="button" disabled={!date} onClick={() => save(false)}>
        Set review
      </Button>
      <Button size="small" variant="transparent" type="button" disabled={!date} onClick={() => save(true)}>
        Reviewed now
      </Button>
    </div>
  )
}

const Gaps = ({ gaps }: { gaps: DataGap[] }) =>
  gaps.length ? (
    <ul className="list-disc pl-5">
      {gaps.map((g) => (
        <li key={g.source_id}>
          <Text size="small" className="text-ui-fg-error">
            {g.message}
          </Text>
        </li>
      ))}
    </ul>
  ) : null

const RequirementCard = ({ r }: { r: PlanRequirement }) => {
  const remove = useDeleteRequirement()
  return (
    <div id={r.id} aria-label={`requirement ${r.id}`} className="rounded-lg border p-3 target:ring-2">
      <div className="flex items-center gap-2">
        <StatusBadge color={r.priority === "must" ? "red" : r.priority === "should" ? "orange" : "grey"}>
          {r.priority}
        </StatusBadge>
        <Text weight="plus">{r.statement}</Text>
      </div>
      <Text size="small" className="text-ui-fg-subtle">
        {r.role} · owner {r.owner ?? "–"} · accepted when: {r.acceptance_criterion}
      </Text>
      {r.decisions.map((d) => (
        <Text key={d.at + d.action} size="xsmall" className="text-ui-fg-muted">
          {day(d.at)} {d.action} by {d.who ?? "unknown"}
          {d.reason ? `: ${d.reason}` : ""}
        </Text>
      ))}
      <Button
        size="small"
        variant="transparent"
        type="button"
        isLoading={remove.isPending}
        onClick={() => {
          const reason = window.prompt("Why delete this requirement? (decision log)")
          if (reason === null) return
          remove.mutate(
            { id: r.id, reason: reason || undefined },
            { onSuccess: () => toast.success("Requirement deleted"), onError: (e) => toast.error(e.message) }
          )
        }}
      >
        Delete
      </Button>
    </div>
  )
}

const SegmentRow = ({ s }: { s: PlanSegment }) => (
  <div className="rounded-lg border p-3">
    <Text weight="plus">{s.name}</Text>
    <Text size="small">{s.definition}</Text>
    <Text size="small" className="text-ui-fg-subtle">
      {s.members} members · 30 days: +{s.trend.entered_30d} / -{s.trend.exited_30d} · review by {day(s.review_by)}
    </Text>
    <Gaps gaps={s.data_gaps} />
    <ReviewControl type="segment" id={s.id} current={s.review_by} />
  </div>
)

/** A rule and why it exists: links back to the requirements it satisfies (anchors on this page). */
const RuleRow = ({
  r,
  requirements,
  objectiveName,
}: {
  r: PlanRule
  requirements: PlanRequirement[]
  objectiveName?: string
}) => (
  <div aria-label={`rule ${r.name}`} className="rounded-lg border p-3">
    <Text weight="plus">{r.name}</Text>
    <Text size="small" className="text-ui-fg-subtle">
      {r.action} {r.target_type} {r.target_id} · {r.status} · impressions {r.impressions}
    </Text>
    <Text size="small">
      Why:{" "}
      {r.requirement_ids.length
        ? r.requirement_ids.map((id, i) => (
            <span key={id}>
              {i > 0 && ", "}
              <a href={`#${id}`} className="text-ui-fg-interactive underline">
                {requirements.find((q) => q.id === id)?.statement ?? id}
              </a>
            </span>
          ))
        : r.objective_id && objectiveName
          ? `objective "${objectiveName}"`
          : "no requirement or objective"}
    </Text>
  </div>
)

const ObjectiveSection = ({ o, requirements }: { o: PlanObjective; requirements: PlanRequirement[] }) => (
  <Container className="divide-y p-0" aria-label={`objective ${o.name}`}>
    <div className="px-6 py-4">
      <div className="flex items-center gap-2">
        <Heading level="h2">{o.name}</Heading>
        <StatusBadge color={o.status === "active" ? "green" : "grey"}>{o.status}</StatusBadge>
        {o.lift && <StatusBadge color={VERDICT_COLOR[o.lift.verdict] ?? "orange"}>{words(o.lift.verdict)}</StatusBadge>}
      </div>
      <Text size="small" className="text-ui-fg-subtle">
        {words(o.metric)} ({o.direction}) · baseline {num(o.baseline)} · target {num(o.target)} · deadline{" "}
        {day(o.deadline)} · review by {day(o.review_by)}
      </Text>
      <Text size="small">
        Lift:{" "}
        {o.lift
          ? `${num(o.lift.difference)} (95% interval ${num(o.lift.ci_low)} to ${num(o.lift.ci_high)})`
          : "not measured yet"}
      </Text>
      {o.rationale && <Text size="small">Why: {o.rationale}</Text>}
      <Gaps gaps={o.data_gaps} />
      <ReviewControl type="objective" id={o.id} current={o.review_by} />
    </div>
    <div className="flex flex-col gap-2 px-6 py-4">
      <Text weight="plus">Requirements</Text>
      {o.requirements.length ? (
        o.requirements.map((r) => <RequirementCard key={r.id} r={r} />)
      ) : (
        <Text size="small">None</Text>
      )}
    </div>
    <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-2">
      <div className="flex flex-col gap-2">
        <Text weight="plus">Segments</Text>
        {o.segments.map((s) => (
          <SegmentRow key={s.id} s={s} />
        ))}
      </div>
      <div className="flex flex-col gap-2">
        <Text weight="plus">Rules</Text>
        {o.rules.map((r) => (
          <RuleRow key={r.id} r={r} requirements={requirements} objectiveName={o.name} />
        ))}
      </div>
    </div>
  </Container>
)

const PlanPage = () => {
  const { data: plan, isLoading } = usePlan()
  const requirements = plan ? [...plan.objectives.flatMap((o) => o.requirements), ...plan.unanchored.requirements] : []
  return (
    <div className="flex flex-col gap-3">
      <Container className="divide-y p-0">
        <div className="flex items-start justify-between px-6 py-4">
          <div>
            <Heading level="h1">Personalization plan</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Objectives, the requirements they serve, the segments and rules that satisfy them, and why.
            </Text>
          </div>
          <div className="flex gap-2">
            {PLAN_EXPORTS.map((e) => (
              <a key={e.format} href={planExportUrl(e.format)} target="_blank" rel="noreferrer">
                <Button size="small" variant="secondary" type="button">
                  {e.label}
                </Button>
              </a>
            ))}
            <CreateRequirementDrawer plan={plan} />
          </div>
        </div>
        {isLoading && <Text className="px-6 py-4">Loading…</Text>}
        {plan && (
          <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-2">
            <div aria-label="Needs attention">
              <Text weight="plus">Needs attention</Text>
              {plan.attention.length ? (
                <ul className="list-disc pl-5">
                  {plan.attention.map((a) => (
                    <li key={a.kind + a.entity_id}>
                      <Text size="small">{a.message}</Text>
                    </li>
                  ))}
                </ul>
              ) : (
                <Text size="small">Nothing.</Text>
              )}
            </div>
            <div aria-label="Traceability flags">
              <Text weight="plus">Traceability flags</Text>
              {plan.flags.length ? (
                <ul className="list-disc pl-5">
                  {plan.flags.map((f) => (
                    <li key={f.kind + f.entity_id}>
                      <Text size="small">{f.message}</Text>
                    </li>
                  ))}
                </ul>
              ) : (
                <Text size="small">None.</Text>
              )}
            </div>
          </div>
        )}
      </Container>
      {plan?.objectives.map((o) => (
        <ObjectiveSection key={o.id} o={o} requirements={requirements} />
      ))}
      {plan && (plan.unanchored.requirements.length > 0 || plan.unanchored.rules.length > 0) && (
        <Container className="flex flex-col gap-2 px-6 py-4">
          <Heading level="h2">Without an objective</Heading>
          {plan.unanchored.requirements.map((r) => (
            <RequirementCard key={r.id} r={r} />
          ))}
          {plan.unanchored.rules.map((r) => (
            <RuleRow key={r.id} r={r} requirements={requirements} />
          ))}
        </Container>
      )}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Plan" })

export default PlanPage
