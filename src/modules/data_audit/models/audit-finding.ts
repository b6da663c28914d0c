import { model } from "@medusajs/framework/utils"
import AuditRun from "./audit-run"

/**
 * The result of one check in one run. `subject_id` is set when a check reports per subject
 * (readiness checks report one finding per segment / objective).
 */
const AuditFinding = model
  .define("audit_finding", {
    id: model.id({ prefix: "audf" }).primaryKey(),
    check_id: model.text(),
    title: model.text(),
    area: model.enum(["customers", "orders", "products", "coverage", "readiness"]),
    entity: model.text(),
    severity: model.enum(["info", "low", "medium", "high"]),
    subject_id: model.text().nullable(),
    subject_label: model.text().nullable(),
    affected: model.number(),
    total: model.number(),
    share: model.float(),
    sample_ids: model.json(),
    blocks: model.json(),
    details: model.json().nullable(),
    run: model.belongsTo(() => AuditRun, { mappedBy: "findings" }),
  })
  .indexes([{ on: ["check_id", "created_at"] }])

export default AuditFinding
