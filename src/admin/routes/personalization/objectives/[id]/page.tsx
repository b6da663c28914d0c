import { Badge, Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import {
  actorLabel,
  Decision,
  formatDifference,
  formatMetric,
  Metric,
  METRIC_LABELS,
  SeriesPoint,
  useDecisionLog,
  useObjective,
  useObjectiveLift,
  useRecomputeBaseline,
  useTakeSnapshot,
  useUpdateObjective,
  VERDICT_LABEL,
} from "../../../../hooks/objectives"

const day = (d: string | null) => (d ? new Date(d).toLocaleDateString("en-GB") : "—")

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="flex flex-col">
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small" weight="plus" aria-label={label}>
      {children}
    </Text>
  </div>
)

/** Treatment vs holdout over time, each with its 95% interval as a band. */
const LiftChart = ({ series, metric, currency }: { series: SeriesPoint[]; metric: Metric; currency: string }) => {
  if (series.length === 0) {
    return (
      <Text size="small" className="text-ui-fg-muted">
        No snapshots yet. Take one to start the chart; the daily job adds one for active objectives.
      </Text>
    )
  }
  const w = 640
  const h = 220
  const pad = { l: 70, r: 16, t: 12, b: 28 }
  const values = series.flatMap((p) => [p.treatment.ci_low, p.treatment.ci_high, p.holdout.ci_low, p.holdout.ci_high])
  let lo = Math.min(...values)
  let hi = Math.max(...values)
  if (hi === lo) {
    hi += 1
    lo -= 1
  }
  const times = series.map((p) => new Date(p.period_end).getTime())
  const t0 = Math.min(...times)
  const t1 = Math.max(...times)
  const x = (t: number) => (t1 === t0 ? (pad.l + w - pad.r) / 2 : pad.l + ((t - t0) / (t1 - t0)) * (w - pad.l - pad.r))
  const y = (v: number) => pad.t + (1 - (v - lo) / (hi - lo)) * (h - pad.t - pad.b)
  const line = (g: "treatment" | "holdout") =>
    series.map((p, i) => `${i ? "L" : "M"}${x(times[i])},${y(p[g].value)}`).join(" ")
  const band = (g: "treatment" | "holdout") => {
    if (series.length === 1) {
      const cx = x(times[0])
      return `M${cx - 6},${y(series[0][g].ci_high)} L${cx + 6},${y(series[0][g].ci_high)} L${cx + 6},${y(series[0][g].ci_low)} L${cx - 6},${y(series[0][g].ci_low)} Z`
    }
    const top = series.map((p, i) => `${i ? "L" : "M"}${x(times[i])},${y(p[g].ci_high)}`).join(" ")
    const bottom = series
      .map((p, i) => ({ p, i }))
      .reverse()
      .map(({ p, i }) => `L${x(times[i])},${y(p[g].ci_low)}`)
      .join(" ")
    return `${top} ${bottom} Z`
  }
  const colors = { treatment: "#3b82f6", holdout: "#f97316" }
  return (
    <figure aria-label="metric over time, treatment vs holdout">
      <svg viewBox={`0 0 ${w} ${h}`} className="w-full max-w-3xl" role="img">
        <title>Metric over time: treatment vs holdout with 95% intervals</title>
        {[lo, (lo + hi) / 2, hi].map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={w - pad.r} y1={y(v)} y2={y(v)} stroke="#e5e7eb" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" fontSize="10" fill="#6b7280">
              {formatMetric(metric, v, currency)}
            </text>
          </g>
        ))}
        {(["holdout", "treatment"] as const).map((g) => (
          <g key={g}>
            <path d={band(g)} fill={colors[g]} opacity={0.15} />
            <path d={line(g)} stroke={colors[g]} strokeWidth={2} fill="none" />
            {series.map((p, i) => (
              <circle key={i} cx={x(times[i])} cy={y(p[g].value)} r={3} fill={colors[g]} />
            ))}
          </g>
        ))}
        <text x={pad.l} y={h - 8} fontSize="10" fill="#6b7280">
          {day(series[0].period_end)}
        </text>
        <text x={w - pad.r} y={h - 8} fontSize="10" fill="#6b7280" textAnchor="end">
          {day(series[series.length - 1].period_end)}
        </text>
      </svg>
      <figcaption className="flex gap-4 txt-compact-xsmall text-ui-fg-subtle">
        <span style={{ color: colors.treatment }}>● Treatment (personalized)</span>
        <span style={{ color: colors.holdout }}>● Holdout</span>
        <span>Bands: 95% interval of each group</span>
      </figcaption>
    </figure>
  )
}

const DecisionRow = ({ d }: { d: Decision }) => (
  <tr className="border-t txt-compact-small">
    <td className="px-6 py-2 whitespace-nowrap">{new Date(d.created_at).toLocaleString("en-GB")}</td>
    <td className="px-2 py-2">{d.action}</td>
    <td className="px-2 py-2">{actorLabel(d)}</td>
    <td className="px-2 py-2">{d.reason ?? "—"}</td>
    <td className="px-2 py-2 font-mono txt-compact-xsmall break-all">{d.diff ? JSON.stringify(d.diff) : ""}</td>
  </tr>
)

const ObjectiveDetailPage = () => {
  const { id = "" } = useParams()
  const { data, isLoading, error } = useObjective(id)
  const lift = useObjectiveLift(id)
  const log = useDecisionLog({ entity_type: "objective", entity_id: id })
  const snapshot = useTakeSnapshot(id)
  const update = useUpdateObjective(id)
  const recompute = useRecomputeBaseline(id)

  if (isLoading) return <Container>Loading…</Container>
  if (error || !data) return <Container>{(error as Error)?.message ?? "Not found"}</Container>
  const o = data.objective
  const r = lift.data?.report
  const fm = (v: number | null | undefined) => formatMetric(o.metric, v, o.currency_code)
  const recomputeBaseline = () => {
    // lift is measured against the baseline: once measurement started, ask before forcing it
    if (
      o.started_at &&
      !window.confirm(
        `Measurement started on ${day(o.started_at)}. Recomputing the baseline changes what lift is measured against. Recompute anyway?`
      )
    ) {
      return
    }
    const reason = window.prompt("Why recompute the baseline? (recorded in the decision log)")
    if (reason === null) return
    recompute.mutate(
      { reason: reason.trim() || undefined, ...(o.started_at ? { force: true } : {}) },
      {
        onSuccess: ({ objective }) =>
          toast.success(
            `Baseline recomputed: ${formatMetric(objective.metric, objective.baseline, objective.currency_code)}`
          ),
        onError: (e) => toast.error((e as Error).message),
      }
    )
  }
  const metricLabel = METRIC_LABELS[o.metric].replace("N days", `${o.metric_window_days ?? 90} days`)

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-start justify-between px-6 py-4">
          <div>
            <Text size="xsmall" className="text-ui-fg-subtle">
              <Link to="/personalization/objectives">Objectives</Link> / {o.id}
            </Text>
            <Heading level="h1">{o.name}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {o.business_outcome ?? "No business outcome written yet."}
            </Text>
          </div>
          <div className="flex gap-2">
            {o.status !== "active" && (
              <Button
                size="small"
                variant="secondary"
                onClick={() =>
                  update.mutate({ status: "active" }, { onError: (e) => toast.error((e as Error).message) })
                }
              >
                Activate
              </Button>
            )}
            <Button size="small" variant="secondary" isLoading={recompute.isPending} onClick={recomputeBaseline}>
              Recompute baseline
            </Button>
            <Button
              size="small"
              isLoading={snapshot.isPending}
              onClick={() =>
                snapshot.mutate(undefined, {
                  onSuccess: () => toast.success("Snapshot taken"),
                  onError: (e) => toast.error((e as Error).message),
                })
              }
            >
              Take snapshot
            </Button>
          </div>
        </div>
        <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4">
          <Fact label="Metric">{metricLabel}</Fact>
          <Fact label="Direction">{o.direction}</Fact>
          <Fact label="Status">
            <StatusBadge color={o.status === "active" ? "green" : "grey"}>{o.status}</StatusBadge>
          </Fact>
          <Fact label="Holdout share">{(o.holdout_share * 100).toFixed(1)}%</Fact>
          <Fact label="Baseline">{fm(o.baseline)}</Fact>
          <Fact label="Baseline window">
            {day(o.baseline_window_start)} – {day(o.baseline_window_end)} ({o.baseline_n ?? 0} customers)
          </Fact>
          <Fact label="Target">{fm(o.target)}</Fact>
          <Fact label="Deadline">{day(o.deadline)}</Fact>
          <Fact label="Owner">{o.owner_id ?? "—"}</Fact>
          <Fact label="Measuring since">{day(o.started_at)}</Fact>
        </div>
        <div className="px-6 py-4">
          <Text size="small" weight="plus">
            Rationale
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {o.rationale ?? "—"}
          </Text>
        </div>
        <div className="px-6 py-4" aria-label="planning">
          <Text size="small" weight="plus">
            Planning
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {o.plan?.days_to_detect
              ? `About ${o.plan.days_to_detect} days to detect the target effect (${formatDifference(
                  o.metric,
                  o.plan.effect ?? 0,
                  o.currency_code
                )}) with 80% power at the store's traffic of ${(o.plan.customers_per_day ?? 0).toFixed(1)} customers/day; ${
                  o.plan.required_customers?.holdout ?? "?"
                } holdout and ${o.plan.required_customers?.treatment ?? "?"} treatment customers.`
              : (o.plan?.note ?? "—")}
          </Text>
          {o.plan?.warning && (
            <Text size="small" className="text-ui-fg-error">
              {o.plan.warning}
            </Text>
          )}
        </div>
      </Container>

      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <Heading level="h2">Treatment vs holdout</Heading>
          {r && <StatusBadge color={VERDICT_LABEL[r.verdict].color}>{VERDICT_LABEL[r.verdict].label}</StatusBadge>}
        </div>
        {r ? (
          <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4">
            <Fact label="Treatment">
              {fm(r.treatment.value)} (n = {r.treatment.n.toLocaleString("en-GB")})
            </Fact>
            <Fact label="Holdout">
              {fm(r.holdout.value)} (n = {r.holdout.n.toLocaleString("en-GB")})
            </Fact>
            <Fact label="Lift (95% interval)">
              {formatDifference(o.metric, r.comparison.difference, o.currency_code)} [
              {formatDifference(o.metric, r.comparison.ci_low, o.currency_code)},{" "}
              {formatDifference(o.metric, r.comparison.ci_high, o.currency_code)}]
            </Fact>
            <Fact label="Minimum detectable effect">
              {formatDifference(o.metric, r.minimum_detectable_effect, o.currency_code)}
            </Fact>
            <Fact label="Sample ratio check">
              {r.srm.mismatch ? "Mismatch" : "OK"} (p = {r.srm.p_value.toPrecision(3)})
            </Fact>
            <Fact label="Progress to target">
              {r.progress_to_target === null ? "—" : `${Math.round(r.progress_to_target * 100)}%`}
            </Fact>
          </div>
        ) : null}
        <div className="px-6 py-4">
          {r && (
            <Text size="small" className="mb-2" aria-label="lift message">
              {r.message}
            </Text>
          )}
          <LiftChart series={lift.data?.series ?? []} metric={o.metric} currency={o.currency_code} />
        </div>
      </Container>

      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Linked segments and rules</Heading>
        </div>
        <div className="flex flex-wrap gap-2 px-6 py-4">
          {(o.segments ?? []).map((s) => (
            <Badge key={s.id} size="small">
              Segment: {s.name} ({s.status})
            </Badge>
          ))}
          {(o.recommendation_rules ?? []).map((s) => (
            <Badge key={s.id} size="small" color="purple">
              Rule: {s.name} ({s.status})
            </Badge>
          ))}
          {!o.segments?.length && !o.recommendation_rules?.length && (
            <Text size="small" className="text-ui-fg-muted">
              Nothing linked yet. Segment-driven personalization cannot be activated until it serves an objective.
            </Text>
          )}
        </div>
      </Container>

      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Decision log</Heading>
        </div>
        <table className="w-full text-left">
          <thead>
            <tr className="txt-compact-small-plus text-ui-fg-subtle">
              <th className="px-6 py-2">When</th>
              <th className="px-2 py-2">What</th>
              <th className="px-2 py-2">Who</th>
              <th className="px-2 py-2">Why</th>
              <th className="px-2 py-2">Change</th>
            </tr>
          </thead>
          <tbody>
            {(log.data?.decisions ?? []).map((d) => (
              <DecisionRow key={d.id} d={d} />
            ))}
          </tbody>
        </table>
      </Container>
    </div>
  )
}

export default ObjectiveDetailPage
