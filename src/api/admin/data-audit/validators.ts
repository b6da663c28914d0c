import { z } from "@medusajs/framework/zod"
import { AUDIT_CHECKS_BY_ID } from "../../../modules/data_audit/checks"

export const AdminStartAuditRun = z
  .object({
    stale_days: z.number().int().min(1).max(3650).optional(),
    sample_size: z.number().int().min(0).max(20).optional(),
    check_ids: z
      .array(z.string())
      .min(1)
      .refine((ids) => ids.every((id) => !!AUDIT_CHECKS_BY_ID[id]), {
        message: "check_ids contains an unknown check id (see GET /admin/data-audit/checks)",
      })
      .optional(),
  })
  .strict()
export type AdminStartAuditRunType = z.infer<typeof AdminStartAuditRun>

export const AdminListAuditRuns = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(["pending", "running", "completed", "failed"]).optional(),
})
export type AdminListAuditRunsType = z.infer<typeof AdminListAuditRuns>

export const AdminGetAuditRun = z.object({
  area: z.enum(["customers", "orders", "products", "coverage", "readiness"]).optional(),
  severity: z.enum(["info", "low", "medium", "high"]).optional(),
})
export type AdminGetAuditRunType = z.infer<typeof AdminGetAuditRun>

export const AdminCheckTrend = z.object({
  limit: z.coerce.number().int().min(1).max(365).default(30),
  subject_id: z.string().min(1).optional(),
})
export type AdminCheckTrendType = z.infer<typeof AdminCheckTrend>
