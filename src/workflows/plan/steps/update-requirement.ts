import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import type { RequirementDTO, RequirementInput } from "../../../modules/plan/types"
import type { AdminRequirementLink } from "../../../types/plan"
import { sortLinks } from "../../../modules/plan/utils/sources"

export const updateRequirementStepId = "update-requirement"

export type UpdateRequirementStepInput = { id: string; update: RequirementInput; links?: AdminRequirementLink[] }

type Snapshot = { fields: Record<string, unknown>; links: AdminRequirementLink[] }

async function linksOf(service: PlanModuleService, id: string): Promise<(AdminRequirementLink & { id: string })[]> {
  const rows = await service.listRequirementLinks(
    { requirement_id: id },
    { select: ["id", "target_type", "target_id"] }
  )
  return sortLinks(rows.map((l) => ({ id: l.id, target_type: l.target_type, target_id: l.target_id })))
}

async function replaceLinks(service: PlanModuleService, id: string, links: AdminRequirementLink[]) {
  const current = await linksOf(service, id)
  if (current.length) await service.deleteRequirementLinks(current.map((l) => l.id))
  if (links.length) {
    await service.createRequirementLinks(
      links.map((l) => ({ target_type: l.target_type, target_id: l.target_id, requirement_id: id }))
    )
  }
}

/**
 * Updates a requirement's fields and, when `links` is given, replaces its links. Returns the
 * previous and new versions (fields and links); compensation restores both.
 */
export const updateRequirementStep = createStep(
  updateRequirementStepId,
  async ({ id, update, links }: UpdateRequirementStepInput, { container }) => {
    const service = container.resolve<PlanModuleService>(PLAN_MODULE)
    const previous: RequirementDTO = await service.retrieveRequirement(id)
    const previousLinks = (await linksOf(service, id)).map(({ target_type, target_id }) => ({ target_type, target_id }))
    const before: Record<string, unknown> = previous
    const fields: Record<string, unknown> = {}
    for (const key of Object.keys(update)) fields[key] = before[key] ?? null
    const requirement = Object.keys(update).length ? await service.updateRequirements({ id, ...update }) : previous
    if (links) await replaceLinks(service, id, links)
    return new StepResponse(
      { previous, requirement, previous_links: previousLinks, links: links ?? previousLinks },
      { id, snapshot: { fields, links: previousLinks } as Snapshot, replaced: !!links }
    )
  },
  async (restore, { container }) => {
    if (!restore) return
    const service = container.resolve<PlanModuleService>(PLAN_MODULE)
    if (Object.keys(restore.snapshot.fields).length) {
      await service.updateRequirements({ id: restore.id, ...restore.snapshot.fields })
    }
    if (restore.replaced) await replaceLinks(service, restore.id, restore.snapshot.links)
  }
)
