import { model } from "@medusajs/framework/utils"
import AuditFinding from "./audit-finding"

/** One run of the data audit: when it ran, how far it got, its overall and per-area scores. */
const AuditRun = model
  .define("audit_run", {
    id: model.id({ prefix: "aud" }).primaryKey(),
    status: model.enum(["pending", "running", "completed", "failed"]).default("pending"),
    trigger: model.enum(["admin", "job", "cli", "api"]).default("api"),
    started_at: model.dateTime().nullable(),
    finished_at: model.dateTime().nullable(),
    score: model.number().nullable(),
    area_scores: model.json().nullable(),
    checks_total: model.number().default(0),
    checks_done: model.number().default(0),
    current_check: model.text().nullable(),
    options: model.json().nullable(),
    summary: model.json().nullable(),
    error: model.text().nullable(),
    findings: model.hasMany(() => AuditFinding, { mappedBy: "run" }),
  })
  .cascades({ delete: ["findings"] })

export default AuditRun
