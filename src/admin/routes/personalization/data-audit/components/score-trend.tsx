import { Text } from "@medusajs/ui"
import type { AuditRun } from "../../../../hooks/data-audit"

export const ScoreTrend = ({ runs }: { runs: AuditRun[] }) => {
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
