import { z } from "@medusajs/framework/zod"

/** `POST /admin/segments/:id/group-sync` (the shapes of `AdminSegmentGroupSyncBody`). */
export const AdminSegmentGroupSyncBody = z.discriminatedUnion("enabled", [
  z.object({ enabled: z.literal(true), resync: z.boolean().optional() }).strict(),
  z.object({ enabled: z.literal(false), on_disable: z.enum(["keep", "delete"]) }).strict(),
])
export type AdminSegmentGroupSyncBodyType = z.infer<typeof AdminSegmentGroupSyncBody>
