import type {
  AdminPlanResponse,
  DataGap,
  PlanDecision,
  PlanObjective,
  PlanRequirement,
  PlanRule,
  PlanSegment,
} from "../../../types/plan"

/** A number as the plan prints it: at most 4 decimals, no trailing zeros; "none" for null. */
export function num(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "none"
  return String(Number(n.toFixed(4)))
}

const words = (s: string) => s.replace(/_/g, " ")
const day = (d: string | null) => (d ? d.slice(0, 10) : "none")
const signed = (n: number) => (n > 0 ? `+${num(n)}` : num(n))

function decisionLine(d: PlanDecision): string {
  return `- ${d.at}: ${words(d.entity_type)} ${d.action} by ${d.who ?? "unknown"}${d.reason ? `: ${d.reason}` : ""}`
}

function requirementLines(r: PlanRequirement, plan: AdminPlanResponse): string[] {
  const segmentName = (id: string) => plan.objectives.flatMap((o) => o.segments).find((s) => s.id === id)?.name ?? id
  const ruleName = (id: string) =>
    [...plan.objectives.flatMap((o) => o.rules), ...plan.unanchored.rules].find((x) => x.id === id)?.name ?? id
  const by = [
    ...r.segment_ids.map((id) => `segment "${segmentName(id)}" (${id})`),
    ...r.rule_ids.map((id) => `rule "${ruleName(id)}" (${id})`),
    ...r.data_source_ids.map((id) => `data source ${id}`),
  ]
  return [
    `### Requirement ${r.id}: ${r.statement}`,
    "",
    `- Role: ${r.role}. Priority: ${r.priority}. Owner: ${r.owner ?? "none"}.`,
    `- Acceptance criterion: ${r.acceptance_criterion}`,
    `- Satisfied by: ${by.length ? by.join(", ") : "nothing yet"}`,
    ...r.decisions.map(decisionLine),
    "",
  ]
}

function gapLine(g: DataGap): string {
  return `- ${g.message} (blocks ${g.blocks.map((b) => `${b.type} ${b.label}`).join(", ") || "nothing"})`
}

function segmentLines(s: PlanSegment): string[] {
  return [
    `#### Segment "${s.name}" (${s.id})`,
    "",
    `- Definition: ${s.definition}`,
    `- Members: ${s.members} (last 30 days: ${s.trend.entered_30d} entered, ${s.trend.exited_30d} left). Status: ${s.status}. Review by: ${day(s.review_by)}.`,
    `- Requirements: ${s.requirement_ids.join(", ") || "none"}`,
    ...s.data_gaps.map((g) => `- Data gap: ${g.message}`),
    ...s.decisions.map(decisionLine),
    "",
  ]
}

function ruleLines(r: PlanRule, why: string): string[] {
  return [
    `#### Rule "${r.name}" (${r.id})`,
    "",
    `- ${r.action} ${r.target_type} ${r.target_id}${r.segment_id ? ` for segment ${r.segment_id}` : ""}. Status: ${r.status}. Impressions: ${r.impressions}.`,
    `- Why: ${why}`,
    ...r.decisions.map(decisionLine),
    "",
  ]
}

/**
 * Why a rule exists, as a chain: under an objective, the rule's requirements that serve that
 * objective (a rule may satisfy requirements of several objectives), then the objective.
 */
function ruleWhy(r: PlanRule, o: PlanObjective | null, plan: AdminPlanResponse): string {
  const candidates = o
    ? o.requirements
    : [...plan.objectives.flatMap((x) => x.requirements), ...plan.unanchored.requirements]
  const reqs = candidates
    .filter((q) => r.requirement_ids.includes(q.id))
    .map((q) => `requirement ${q.id} "${q.statement}"`)
  const parts = [...(reqs.length ? [reqs.join(", ")] : []), ...(o ? [`objective "${o.name}"`] : [])]
  return parts.length ? parts.join(" -> ") : "no requirement or objective"
}

function objectiveLines(o: PlanObjective, plan: AdminPlanResponse): string[] {
  const lift = o.lift
    ? `${signed(o.lift.difference)} (95% interval ${num(o.lift.ci_low)} to ${num(o.lift.ci_high)}), verdict: ${words(o.lift.verdict)}`
    : "not measured yet"
  return [
    `## Objective: ${o.name} (${o.id})`,
    "",
    `- Status: ${o.status}. Metric: ${words(o.metric)} (${o.direction}).`,
    `- Baseline: ${num(o.baseline)}. Target: ${num(o.target)}. Deadline: ${day(o.deadline)}. Review by: ${day(o.review_by)}.`,
    `- Current lift: ${lift}`,
    `- Rationale: ${o.rationale ?? "none"}`,
    "",
    ...o.requirements.flatMap((r) => requirementLines(r, plan)),
    ...(o.segments.length ? ["### Segments", "", ...o.segments.flatMap(segmentLines)] : []),
    ...(o.rules.length ? ["### Rules", "", ...o.rules.flatMap((r) => ruleLines(r, ruleWhy(r, o, plan)))] : []),
    ...(o.data_gaps.length ? ["### Data gaps", "", ...o.data_gaps.map(gapLine), ""] : []),
    ...(o.decisions.length ? ["### Decisions", "", ...o.decisions.map(decisionLine), ""] : []),
  ]
}

/** The plan as Markdown: the same document the JSON export gives, in the same order. */
export function renderPlanMarkdown(plan: AdminPlanResponse): string {
  const lines = [
    "# Personalization plan",
    "",
    `Generated ${plan.generated_at} from the store's live data.`,
    "",
    "## Needs attention",
    "",
    ...(plan.attention.length ? plan.attention.map((a) => `- ${a.message}`) : ["- Nothing."]),
    "",
    "## Traceability flags",
    "",
    ...(plan.flags.length ? plan.flags.map((f) => `- ${f.message}`) : ["- None."]),
    "",
    ...plan.objectives.flatMap((o) => objectiveLines(o, plan)),
  ]
  if (plan.unanchored.requirements.length || plan.unanchored.rules.length) {
    lines.push("## Without an objective", "")
    lines.push(...plan.unanchored.requirements.flatMap((r) => requirementLines(r, plan)))
    lines.push(...plan.unanchored.rules.flatMap((r) => ruleLines(r, ruleWhy(r, null, plan))))
  }
  lines.push("## Data gaps", "", ...(plan.data_gaps.length ? plan.data_gaps.map(gapLine) : ["- None."]), "")
  return lines.join("\n")
}
