import { Badge, Text } from "@medusajs/ui"
import { useEffect, useRef, useState } from "react"
import { Link, useLocation } from "react-router-dom"
import { AuditFinding, useCheckTrend } from "../../../../hooks/data-audit"
import { BAR_COLOR, fmt, pct, sampleHref, SEVERITY_COLOR } from "./format"

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

/**
 * The anchor of a finding: its check id (`#customers.single_order`), with the subject for per-segment
 * and per-objective findings. Other pages link to `/personalization/data-audit#<anchor>`; the finding
 * then opens and scrolls into view.
 */
export const findingAnchor = (f: Pick<AuditFinding, "check_id" | "subject_id">) =>
  f.subject_id ? `${f.check_id}:${f.subject_id}` : f.check_id

export const FindingRow = ({ f }: { f: AuditFinding }) => {
  const anchor = findingAnchor(f)
  const targeted = decodeURIComponent(useLocation().hash.slice(1)) === anchor
  const [open, setOpen] = useState(targeted)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (targeted) {
      setOpen(true)
      ref.current?.scrollIntoView({ block: "center" })
    }
  }, [targeted])
  const title = f.subject_label ? `${f.title}: ${f.subject_label}` : f.title
  return (
    <div
      ref={ref}
      id={anchor}
      className={`flex flex-col gap-2 px-6 py-3${targeted ? " bg-ui-bg-highlight" : ""}`}
      aria-label={`finding ${f.check_id}`}
      aria-current={targeted ? "location" : undefined}
      data-check-id={f.check_id}
    >
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
