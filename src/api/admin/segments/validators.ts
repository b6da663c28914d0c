import { z } from "@medusajs/framework/zod"
import { RuleTreeSchema } from "../../../modules/segment/utils"
import { note, recordId } from "../../utils/validators"

const status = z.enum(["draft", "active", "archived"])
const currency = z.string().regex(/^[a-zA-Z]{3}$/, "must be a 3-letter ISO 4217 code")

export const AdminCreateSegment = z
  .object({
    name: z.string().min(1).max(200),
    handle: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-_]*$/, "lower-case letters, digits, - and _")
      .max(200)
      .optional(),
    description: note.nullish(),
    owner_id: recordId.nullish(),
    status: status.optional(),
    priority: z.number().int().min(-1000000).max(1000000).optional(),
    exclusive: z.boolean().optional(),
    currency_code: currency,
    include_guest_orders: z.boolean().optional(),
    rules: RuleTreeSchema,
    metadata: z.record(z.string(), z.unknown()).nullish(),
    reason: note.optional(),
  })
  .strict()
export type AdminCreateSegmentType = z.infer<typeof AdminCreateSegment>

export const AdminUpdateSegment = AdminCreateSegment.partial().strict()
export type AdminUpdateSegmentType = z.infer<typeof AdminUpdateSegment>

export const AdminPreviewSegment = z
  .object({
    rules: RuleTreeSchema,
    currency_code: currency,
    include_guest_orders: z.boolean().optional(),
    sample_size: z.number().int().min(1).max(100).optional(),
  })
  .strict()
export type AdminPreviewSegmentType = z.infer<typeof AdminPreviewSegment>

export const AdminGetSegments = z.object({
  q: z.string().max(200).optional(),
  /** One id or several (`id[]=a&id[]=b`): names for ids already stored, e.g. in rules. */
  id: z.union([recordId, z.array(recordId).max(100)]).optional(),
  /** Only the segments this customer is a member of now (with `entered_at`). */
  customer_id: recordId.optional(),
  status: z.union([status, z.array(status)]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminGetSegmentsType = z.infer<typeof AdminGetSegments>

export const AdminGetSegmentMembers = z.object({
  include_exited: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminGetSegmentMembersType = z.infer<typeof AdminGetSegmentMembers>

export const AdminGetSegmentVersions = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminGetSegmentVersionsType = z.infer<typeof AdminGetSegmentVersions>
