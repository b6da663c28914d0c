import { z } from "@medusajs/framework/zod"

export const AdminGetDecisionLog = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  entity_type: z.string().min(1).optional(),
  entity_id: z.string().min(1).optional(),
  actor_id: z.string().min(1).optional(),
  action: z.string().min(1).optional(),
})
export type AdminGetDecisionLogType = z.infer<typeof AdminGetDecisionLog>
