import type { Area, Severity } from "../checks/types"
import { AREAS, SEVERITIES } from "../checks/types"

/** How much a finding weighs in its area's score. Info findings describe, they do not penalize. */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  info: 0,
  low: 1,
  medium: 2,
  high: 4,
}

export type ScoredFinding = {
  area: Area
  severity: Severity
  affected: number
  total: number
}

export type Scores = {
  score: number | null
  area_scores: Partial<Record<Area, number | null>>
}

/** Share of affected records, 0 when there is nothing to measure. */
export function shareOf(affected: number, total: number): number {
  if (!total || total <= 0) {
    return 0
  }
  return Math.min(1, Math.max(0, affected / total))
}

/**
 * Area score = 100 x the severity-weighted mean of (1 - share) over the area's findings that
 * measured something (total > 0) and weigh more than zero; null when no such finding exists.
 * Overall score = mean of the non-null area scores (each area counts the same), null if none.
 */
export function computeScores(findings: ScoredFinding[]): Scores {
  const area_scores: Partial<Record<Area, number | null>> = {}
  for (const area of AREAS) {
    let weight = 0
    let health = 0
    for (const f of findings) {
      const w = SEVERITY_WEIGHTS[f.severity]
      if (f.area !== area || w === 0 || !(f.total > 0)) {
        continue
      }
      weight += w
      health += w * (1 - shareOf(f.affected, f.total))
    }
    area_scores[area] = weight ? Math.round((100 * health) / weight) : null
  }
  const present = Object.values(area_scores).filter((s): s is number => typeof s === "number")
  const score = present.length ? Math.round(present.reduce((a, b) => a + b, 0) / present.length) : null
  return { score, area_scores }
}

/** True when `severity` is `threshold` or worse. */
export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold)
}

/** Findings with affected records at or above a severity (what a CI gate fails on). */
export function findingsAtOrAbove<T extends { severity: Severity; affected: number }>(
  findings: T[],
  threshold: Severity
): T[] {
  return findings.filter((f) => f.affected > 0 && severityAtLeast(f.severity, threshold))
}

/** Count of findings with affected records, per severity. */
export function countBySeverity(findings: { severity: Severity; affected: number }[]): Record<Severity, number> {
  const out = { info: 0, low: 0, medium: 0, high: 0 } as Record<Severity, number>
  for (const f of findings) {
    if (f.affected > 0) {
      out[f.severity]++
    }
  }
  return out
}
