import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import {
  Area,
  AuditFinding,
  AuditRun,
  Severity,
  useAuditRun,
  useAuditRuns,
  useCheckTrend,
  useStartAudit,
} from "../../../hooks/data-audit"

const AREAS: { key: Area; label: string }[] = [
  { key: "customers", label: "Customers" },
  { key: "orders", label: "Orders" },
  { key: "products", label: "Products" },
  { key: "coverage", label: "Coverage of time" },
  { key: "readiness", label: "Readiness of the plan" },
]
const SEVERITY_ORDER: Severity[] = ["high", "medium", "low", "info"]
const SEVERITY_COLOR = { high: "red", medium: "orange", low: "blue", info: "grey" } as const
const BAR_COLOR = {
  high: "bg-ui-tag-red-icon",
  medium: "bg-ui-tag-orange-icon",
  low: "bg-ui-tag-blue-icon",
  info: "bg-ui-tag-neutral-icon",
}

const fmt = (n: number) => n.toLocaleString("en-GB")
const pct = (s: number) => `${(s * 100).toFixed(1)}%`

const sampleHref = (entity: AuditFinding["sample_entity"], id: string) => {
  switch (entity) {
    case "customer":
      return `/customers/${id}`
    case "order":
      return `/orders/${id}`
    case "product":
      return `/products/${id}`
    case "segment":
      return `/personalization/segments`
    case "objective":
      return `/personalization/objectives`
    default:
      return null
  }
}

const ScoreTrend = ({ runs }: { runs: AuditRun[] }) => {
  const points = runs
    .filter((r) => r.status === "completed" && typeof r.score === "number")
    .slice()
    .reverse()
  if (points.length < 2) {
    return (
      <Text size="xsmall" className="text-ui-fg-muted">
        The trend appears after two completed runs.
      </Text>
    )
  }
  const w = 320
  const h = 80
  const x = (i: number) => (i / (points.length - 1)) * (w - 10) + 5
  const y = (s: number) => h - 5 - (s / 100) * (h - 10)
  return (
    <svg width={w} height={h} role="img" aria-label={`Score trend over ${points.length} runs`}>
      <line x1={5} x2={w - 5} y1={y(50)} y2={y(50)} className="stroke-ui-border-base" strokeDasharray="2 3" />
      <polyline
        fill="none"
        strokeWidth={2}
        className="stroke-ui-fg-interactive"
        points={points.map((r, i) => `${x(i)},${y(r.score!)}`).join(" ")}
      />
      {points.map((r, i) => (
        <circle key={r.id} cx={x(i)} cy={y(r.score!)} r={3} className="fill-ui-fg-interactive">
          <title>{`${new Date(r.finished_at ?? r.created_at).toLocaleString()}: ${r.score}`}</title>
        </circle>
      ))}
    </svg>
  )
}

const Blocks = ({ f }: { f: AuditFinding }) => {
  const parts = [
    f.blocks.segment_attributes.length && `segment attributes: ${f.blocks.segment_attributes.join(", ")}`,
    f.blocks.objective_metrics.length && `objective metrics: ${f.blocks.objective_metrics.join(", ")}`,
    f.blocks.strategies.length && `recommendation strategies: ${f.blocks.strategies.join(", ")}`,
  ].filter(Boolean)
  if (!parts.length) {
    return null
  }
  return (
    <Text size="xsmall">
      <span className="font-medium">Blocks</span> {parts.join("; ")}
    </Text>
  )
}

const CheckTrend = ({ f }: { f: AuditFinding }) => {
  const { data } = useCheckTrend(f.check_id, f.subject_id)
  const points = data?.trend ?? []
  if (points.length < 2) {
    return null
  }
  const w = 160
  const h = 32
  const max = Math.max(...points.map((p) => p.affected), 1)
  const x = (i: number) => (i / (points.length - 1)) * (w - 4) + 2
  const y = (v: number) => h - 2 - (v / max) * (h - 4)
  return (
    <div className="flex items-center gap-2">
      <Text size="xsmall" className="text-ui-fg-subtle">
        Trend ({points.length} runs)
      </Text>
      <svg width={w} height={h} role="img" aria-label={`${f.check_id} trend`}>
        <polyline
          fill="none"
          strokeWidth={1.5}
          className="stroke-ui-fg-subtle"
          points={points.map((p, i) => `${x(i)},${y(p.affected)}`).join(" ")}
        />
      </svg>
      <Text size="xsmall" className="text-ui-fg-muted">
        {points
          .slice(-5)
          .map((p) => fmt(p.affected))
          .join(" → ")}
      </Text>
    </div>
  )
}

const FindingRow = ({ f }: { f: AuditFinding }) => {
  const [open, setOpen] = useState(false)
  const title = f.subject_label ? `${f.title}: ${f.subject_label}` : f.title
  return (
    <div className="flex flex-col gap-2 px-6 py-3" aria-label={`finding ${f.check_id}`} data-check-id={f.check_id}>
      <button
        type="button"
        className="flex items-center gap-3 text-left"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        <Badge size="2xsmall" color={SEVERITY_COLOR[f.severity]}>
          {f.severity}
        </Badge>
        <Text size="small" weight="plus" className="flex-1">
          {title}
        </Text>
        <Text size="small" className="tabular-nums" aria-label={`${f.check_id} count`}>
          {fmt(f.affected)} of {fmt(f.total)}
        </Text>
        <div className="bg-ui-bg-subtle h-2 w-32 overflow-hidden rounded" title={pct(f.share)}>
          <div
            className={`h-2 ${BAR_COLOR[f.severity]}`}
            style={{ width: `${Math.max(f.affected ? 2 : 0, f.share * 100)}%` }}
          />
        </div>
        <Text size="xsmall" className="w-14 text-right tabular-nums text-ui-fg-subtle">
          {pct(f.share)}
        </Text>
      </button>
      {open && (
        <div className="flex flex-col gap-1 pl-12">
          {f.measured && (
            <Text size="xsmall" className="text-ui-fg-subtle">
              <span className="font-medium">Measured</span> {f.measured}
            </Text>
          )}
          {f.remediation && (
            <Text size="xsmall">
              <span className="font-medium">Fix</span> {f.remediation}
            </Text>
          )}
          <Blocks f={f} />
          <CheckTrend f={f} />
          {f.sample_ids.length > 0 && (
            <div className="flex flex-wrap gap-2">
              {f.sample_ids.map((id) => {
                const href = sampleHref(f.sample_entity, id)
                return href ? (
                  <Link key={id} to={href} className="txt-compact-xsmall text-ui-fg-interactive">
                    {id}
                  </Link>
                ) : (
                  <Text key={id} size="xsmall" className="text-ui-fg-muted">
                    {id}
                  </Text>
                )
              })}
            </div>
          )}
          {f.details && (
            <pre className="txt-compact-xsmall text-ui-fg-muted whitespace-pre-wrap">
              {JSON.stringify(f.details, null, 1)}
            </pre>
          )}
        </div>
      )}
    </div>
  )
}

const AreaSection = ({
  label,
  score,
  findings,
}: {
  label: string
  score?: number | null
  findings: AuditFinding[]
}) => {
  const counts = SEVERITY_ORDER.map(
    (s) => [s, findings.filter((f) => f.severity === s && f.affected > 0).length] as const
  )
  const sorted = findings
    .slice()
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || b.share - a.share)
  return (
    <Container className="divide-y p-0" aria-label={`${label} findings`}>
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{label}</Heading>
        <div className="flex items-center gap-2">
          {counts
            .filter(([, n]) => n > 0)
            .map(([s, n]) => (
              <Badge key={s} size="2xsmall" color={SEVERITY_COLOR[s]}>
                {n} {s}
              </Badge>
            ))}
          <Text size="small" weight="plus">
            {typeof score === "number" ? `${score} / 100` : "–"}
          </Text>
        </div>
      </div>
      {sorted.length ? (
        sorted.map((f) => <FindingRow key={f.id} f={f} />)
      ) : (
        <Text size="small" className="px-6 py-3 text-ui-fg-subtle">
          Nothing measured in this area.
        </Text>
      )}
    </Container>
  )
}

const DataAuditPage = () => {
  const { data: runsRes, isLoading } = useAuditRuns()
  const runs = runsRes?.audit_runs ?? []
  const [startedId, setStartedId] = useState<string>()
  const active = runs.find((r) => r.status === "pending" || r.status === "running")
  const latestCompleted = runs.find((r) => r.status === "completed")
  const shownId = active?.id ?? startedId ?? latestCompleted?.id
  const { data: runRes } = useAuditRun(shownId)
  const run = runRes?.audit_run
  const start = useStartAudit()
  const running = run && (run.status === "pending" || run.status === "running")

  const byArea = useMemo(() => {
    const m = new Map<Area, AuditFinding[]>()
    for (const f of run?.findings ?? []) {
      m.set(f.area, [...(m.get(f.area) ?? []), f])
    }
    return m
  }, [run])

  const onRun = () =>
    start.mutate(
      {},
      {
        onSuccess: ({ audit_run }) => {
          setStartedId(audit_run.id)
          toast.info("Audit started")
        },
        onError: (e) => toast.error(e.message),
      }
    )

  return (
    <div className="flex flex-col gap-3">
      <Container className="divide-y p-0">
        <div className="flex items-start justify-between px-6 py-4">
          <div>
            <Heading level="h1">Data audit</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Gaps in the store's data, and which segments, objectives and strategies they block.
            </Text>
          </div>
          <Button size="small" onClick={onRun} isLoading={start.isPending} disabled={!!running}>
            Run audit
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-8 px-6 py-4">
          <div aria-label="Audit score">
            <Text size="xsmall" className="text-ui-fg-subtle">
              Score
            </Text>
            <Heading level="h1">{typeof run?.score === "number" ? `${run.score} / 100` : "–"}</Heading>
            {run && (
              <StatusBadge color={run.status === "completed" ? "green" : run.status === "failed" ? "red" : "orange"}>
                {run.status}
              </StatusBadge>
            )}
          </div>
          <ScoreTrend runs={runs} />
          {run?.area_scores && (
            <div className="flex gap-4">
              {AREAS.map((a) => (
                <div key={a.key}>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {a.label}
                  </Text>
                  <Text size="small" weight="plus">
                    {run.area_scores?.[a.key] ?? "–"}
                  </Text>
                </div>
              ))}
            </div>
          )}
        </div>
        {running && (
          <div className="flex flex-col gap-2 px-6 py-4" role="status" aria-label="Audit progress">
            <Text size="small">
              Running: {run.checks_done} of {run.checks_total || "…"} checks
              {run.current_check ? ` (last: ${run.current_check})` : ""}
            </Text>
            <div className="bg-ui-bg-subtle h-2 w-full overflow-hidden rounded">
              <div className="bg-ui-fg-interactive h-2" style={{ width: `${Math.round(run.progress * 100)}%` }} />
            </div>
          </div>
        )}
        {run?.status === "failed" && (
          <Text size="small" className="px-6 py-4 text-ui-fg-error">
            The run failed: {run.error}
          </Text>
        )}
        {!isLoading && !runs.length && (
          <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
            No audit yet. Run one to see the store's data gaps.
          </Text>
        )}
      </Container>
      {run?.status === "completed" &&
        AREAS.map((a) => (
          <AreaSection
            key={a.key}
            label={a.label}
            score={run.area_scores?.[a.key]}
            findings={byArea.get(a.key) ?? []}
          />
        ))}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Data audit",
})

export default DataAuditPage
