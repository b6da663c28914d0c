import { Badge, Container, Heading, Text } from "@medusajs/ui"
import type { AuditFinding } from "../../../../hooks/data-audit"
import { FindingRow } from "./finding-row"
import { SEVERITY_COLOR, SEVERITY_ORDER } from "./format"

export const AreaSection = ({
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
