import { z } from "@medusajs/framework/zod"
import { isoDate, note } from "../../utils/validators"

const MEDUSA_SOURCE = z.enum(["customers", "orders", "products", "categories", "carts", "events"])

/** One thing a system holds (`what`, in words) and the Medusa source it would feed. */
const Holding = z.object({ feeds: MEDUSA_SOURCE, what: z.string().trim().min(1).max(200) }).strict()

const fields = {
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["pos", "crm", "email", "erp", "other"]),
  owner: z.string().trim().min(1).max(200).nullish(),
  description: note.nullish(),
  holds: z.array(Holding).max(50),
  sync_method: z.enum(["none", "manual", "batch", "api", "webhook"]),
  sync_interval_hours: z.number().int().min(1).max(87600).nullish(),
  reaches_medusa: z.boolean(),
  last_synced_at: isoDate.nullish(),
}

export const AdminCreateDataSource = z
  .object({
    ...fields,
    kind: fields.kind.optional(),
    holds: fields.holds.optional(),
    sync_method: fields.sync_method.optional(),
    reaches_medusa: fields.reaches_medusa.optional(),
    reason: note.nullish(),
  })
  .strict()
export type AdminCreateDataSourceType = z.infer<typeof AdminCreateDataSource>

export const AdminUpdateDataSource = z
  .object({
    name: fields.name.optional(),
    kind: fields.kind.optional(),
    owner: fields.owner,
    description: fields.description,
    holds: fields.holds.optional(),
    sync_method: fields.sync_method.optional(),
    sync_interval_hours: fields.sync_interval_hours,
    reaches_medusa: fields.reaches_medusa.optional(),
    last_synced_at: fields.last_synced_at,
    reason: note.nullish(),
  })
  .strict()
export type AdminUpdateDataSourceType = z.infer<typeof AdminUpdateDataSource>

export const AdminGetDataSources = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminGetDataSourcesType = z.infer<typeof AdminGetDataSources>

export const AdminDeleteDataSource = z.object({ reason: note.optional() })
