import { assignGroup, ExperimentGroup } from "./holdout"

/** What the experiment design reads from an active objective. */
export type ExperimentObjective = {
  id: string
  holdout_share: number
  started_at: Date | string | null
  created_at: Date | string
}

/** A customer's group in one active objective. */
export type ObjectiveAssignment = {
  objective_id: string
  group: ExperimentGroup
  holdout_share: number
  /** true for the one objective whose holdout governs the co-purchase engine */
  governs_recommendations: boolean
}

/** A customer's groups in every active objective, and which objective governs recommendations. */
export type CustomerExperiment = {
  /** the active objective whose group decides whether the co-purchase engine personalizes; null when none is active */
  engine_objective_id: string | null
  /** one entry per active objective, oldest first (by start of measurement, then id) */
  assignments: ObjectiveAssignment[]
}

/** When measurement started: `started_at`, else `created_at` (an objective activated outside the workflows). */
const startOf = (o: ExperimentObjective) => new Date(o.started_at ?? o.created_at).getTime()

/** Orders objectives by start of measurement, ties by id: a stable order new objectives only append to. */
export function byStart<T extends ExperimentObjective>(objectives: T[]): T[] {
  return [...objectives].sort((a, b) => startOf(a) - startOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * The objective that governs the co-purchase engine: the active one that started measuring first
 * (ties by id). Creating or activating another objective later never changes it, so the engine's
 * treatment/holdout split does not move mid-measurement; it passes on only when that objective ends.
 */
export function engineObjectiveId(objectives: ExperimentObjective[]): string | null {
  return byStart(objectives)[0]?.id ?? null
}

/** The customer's group in each active objective (the objective module's hash), with the engine's objective. */
export function experimentFor(objectives: ExperimentObjective[], customerId: string): CustomerExperiment {
  const engine = engineObjectiveId(objectives)
  return {
    engine_objective_id: engine,
    assignments: byStart(objectives).map((o) => ({
      objective_id: o.id,
      group: assignGroup(o.id, customerId, o.holdout_share),
      holdout_share: o.holdout_share,
      governs_recommendations: o.id === engine,
    })),
  }
}
