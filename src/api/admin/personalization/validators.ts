import { z } from "@medusajs/framework/zod"
import { isoDate, note, recordId } from "../../utils/validators"

export const AdminGetPlan = z.object({ format: z.enum(["json", "md", "html"]).default("json") })
export type AdminGetPlanType = z.infer<typeof AdminGetPlan>

export const AdminSetReview = z
  .object({
    entity_type: z.enum(["objective", "segment"]),
    entity_id: recordId,
    review_by: isoDate,
    /** the entity was reviewed now (recorded as `reviewed` in the decision log) */
    reviewed: z.boolean().optional(),
    reason: note.nullish(),
  })
  .strict()
export type AdminSetReviewType = z.infer<typeof AdminSetReview>
