import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Area, AuditFinding, useAuditRun, useAuditRuns, useStartAudit } from "../../../hooks/data-audit"
import { AreaSection } from "./components/area-section"
import { AREAS } from "./components/format"
import { ScoreTrend } from "./components/score-trend"

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
