import { z } from "@medusajs/framework/zod"
import { note, recordId } from "../../utils/validators"

export const REQUIREMENT_ROLE = z.enum(["marketing", "merchandising", "technology", "analytics"])
export const REQUIREMENT_PRIORITY = z.enum(["must", "should", "could"])
const text = z.string().trim().min(1).max(2000)

/** What satisfies a requirement: a segment, a rule, or a data source (declared `dsrc_...` or `medusa:orders`). */
export const RequirementLinkSchema = z
  .object({
    target_type: z.enum(["segment", "recommendation_rule", "data_source"]),
    target_id: recordId,
  })
  .strict()

export const AdminCreateRequirement = z
  .object({
    role: REQUIREMENT_ROLE,
    statement: text,
    acceptance_criterion: text,
    priority: REQUIREMENT_PRIORITY.optional(),
    owner: z.string().trim().min(1).max(200).nullish(),
    objective_id: recordId.nullish(),
    links: z.array(RequirementLinkSchema).max(100).optional(),
    /** why: recorded in the decision log */
    reason: note.nullish(),
  })
  .strict()
export type AdminCreateRequirementType = z.infer<typeof AdminCreateRequirement>

export const AdminUpdateRequirement = z
  .object({
    role: REQUIREMENT_ROLE.optional(),
    statement: text.optional(),
    acceptance_criterion: text.optional(),
    priority: REQUIREMENT_PRIORITY.optional(),
    owner: z.string().trim().min(1).max(200).nullish(),
    objective_id: recordId.nullish(),
    /** replaces every link when given */
    links: z.array(RequirementLinkSchema).max(100).optional(),
    reason: note.nullish(),
  })
  .strict()
export type AdminUpdateRequirementType = z.infer<typeof AdminUpdateRequirement>

export const AdminGetRequirements = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().max(200).optional(),
  objective_id: recordId.optional(),
  role: REQUIREMENT_ROLE.optional(),
})
export type AdminGetRequirementsType = z.infer<typeof AdminGetRequirements>

export const AdminDeleteRequirement = z.object({ reason: note.optional() })
