import { Module } from "@medusajs/framework/utils"
import ObjectiveModuleService from "./service"

export const OBJECTIVE_MODULE = "objective"

export default Module(OBJECTIVE_MODULE, {
  service: ObjectiveModuleService,
})
