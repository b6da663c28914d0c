import { Module } from "@medusajs/framework/utils"
import DataAuditModuleService from "./service"

export const DATA_AUDIT_MODULE = "data_audit"

export default Module(DATA_AUDIT_MODULE, {
  service: DataAuditModuleService,
})
