import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OBJECTIVE_MODULE } from "../../../modules/objective"
import ObjectiveModuleService from "../../../modules/objective/service"
import { ObjectiveSnapshotInput } from "../../../modules/objective/types"
import { Metric } from "../../../modules/objective/utils/metric-sql"
import ObjectiveSegmentLink from "../../../links/objective-segment"
import type SegmentModuleService from "../../../modules/segment/service"

export type CreateSnapshotsInput = {
  objective_id: string
  period_start?: Date | null
  period_end?: Date | null
  /** one segment only; by default the whole population and every linked segment */
  segment_id?: string | null
  source?: "on_demand" | "schedule"
}

export const createObjectiveSnapshotsStepId = "create-objective-snapshots"

/** Members of a segment now, from the segment module's memberships. */
async function segmentMembers(container: MedusaContainer, segmentId: string): Promise<string[]> {
  const segmentService: Partial<Pick<SegmentModuleService, "listSegmentMemberships">> = container.resolve("segment")
  if (typeof segmentService.listSegmentMemberships !== "function") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Segment memberships are not available in this store")
  }
  const rows: { customer_id: string }[] = await segmentService.listSegmentMemberships(
    { segment_id: segmentId, exited_at: null },
    { select: ["customer_id"], take: null }
  )
  return rows.map((r) => r.customer_id)
}

/** Linked segment ids of an objective. */
export async function linkedSegmentIds(container: MedusaContainer, objectiveId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: ObjectiveSegmentLink.entryPoint,
    fields: ["segment_id"],
    filters: { objective_id: objectiveId },
  })
  return data.map((r: { segment_id: string }) => r.segment_id)
}

/**
 * Measures the objective's metric per group (treatment/holdout) over the period, for the whole
 * population and per segment, and stores one snapshot per group. Compensation deletes them.
 */
export const createObjectiveSnapshotsStep = createStep(
  createObjectiveSnapshotsStepId,
  async (input: CreateSnapshotsInput, { container }) => {
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    const objective = await service.retrieveObjective(input.objective_id)
    const end = input.period_end ?? new Date()
    const start = input.period_start ?? objective.started_at ?? objective.baseline_window_end ?? objective.created_at
    const scopes: (string | null)[] = input.segment_id
      ? [input.segment_id]
      : [null, ...(await linkedSegmentIds(container, objective.id))]
    const rows: ObjectiveSnapshotInput[] = []
    for (const segmentId of scopes) {
      const customerIds = segmentId ? await segmentMembers(container, segmentId) : null
      const m = await service.measureMetric({
        metric: objective.metric as Metric,
        currency_code: objective.currency_code,
        start: new Date(start),
        end: new Date(end),
        window_days: objective.metric_window_days,
        split: { objective_id: objective.id, holdout_share: objective.holdout_share },
        customer_ids: customerIds,
      })
      for (const group of ["treatment", "holdout"] as const) {
        const g = m.groups[group]!
        rows.push({
          objective_id: objective.id,
          group,
          segment_id: segmentId,
          metric: objective.metric,
          period_start: m.period_start,
          period_end: m.period_end,
          n: g.n,
          value: g.value,
          std_error: g.std_error,
          successes: g.successes,
          sums: g.sums,
          source: input.source ?? "on_demand",
        })
      }
    }
    const created: { id: string }[] = await service.createObjectiveSnapshots(rows)
    return new StepResponse(
      created,
      created.map((s) => s.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const service: ObjectiveModuleService = container.resolve(OBJECTIVE_MODULE)
    await service.deleteObjectiveSnapshots(ids)
  }
)
