import { Module } from "@medusajs/framework/utils"
import PlanModuleService from "./service"

export const PLAN_MODULE = "plan"

export default Module(PLAN_MODULE, {
  service: PlanModuleService,
})
