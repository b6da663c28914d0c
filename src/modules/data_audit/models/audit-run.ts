import { model } from "@medusajs/framework/utils"

/** One run of the data audit: when it ran, how it went and its overall score. */
const AuditRun = model.define("audit_run", {
  id: model.id({ prefix: "aud" }).primaryKey(),
  status: model.enum(["pending", "running", "completed", "failed"]).default("pending"),
  started_at: model.dateTime().nullable(),
  finished_at: model.dateTime().nullable(),
  score: model.number().nullable(),
  summary: model.json().nullable(),
  error: model.text().nullable(),
})

export default AuditRun
