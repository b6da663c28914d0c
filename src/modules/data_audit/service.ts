import { MedusaService } from "@medusajs/framework/utils"
import AuditRun from "./models/audit-run"

class DataAuditModuleService extends MedusaService({
  AuditRun,
}) {}

export default DataAuditModuleService
