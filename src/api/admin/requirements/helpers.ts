import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { PLAN_MODULE } from "../../../modules/plan"
import type PlanModuleService from "../../../modules/plan/service"
import type { RequirementDTO, RequirementLinkDTO } from "../../../modules/plan/types"
import type { AdminRequirement } from "../../../types/plan"
import type { Served } from "../../../types/served"
import { requirementView } from "../../../modules/plan/utils/sources"

/** A requirement as the API answers it: its fields and its links (`sortLinks` order), without link ids. */
export function requirementResponse(r: RequirementDTO & { links?: RequirementLinkDTO[] }): Served<AdminRequirement> {
  return { ...requirementView(r), created_at: r.created_at, updated_at: r.updated_at }
}

/** One requirement with its links, or a 404. */
export async function retrieveRequirement(container: MedusaContainer, id: string) {
  const service = container.resolve<PlanModuleService>(PLAN_MODULE)
  const [r] = await service.listRequirements({ id }, { relations: ["links"] })
  if (!r) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Requirement with id: ${id} was not found`)
  return requirementResponse(r)
}
