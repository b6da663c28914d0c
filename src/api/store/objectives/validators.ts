import { z } from "@medusajs/framework/zod"

export const StoreGetObjectiveGroup = z.object({
  /** for visitors who are not logged in: a stable id the storefront keeps (cookie) */
  anonymous_id: z.string().min(8).max(200).optional(),
})
export type StoreGetObjectiveGroupType = z.infer<typeof StoreGetObjectiveGroup>
