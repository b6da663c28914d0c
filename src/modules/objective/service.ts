import { MedusaService } from "@medusajs/framework/utils"
import Objective from "./models/objective"
import ObjectiveSnapshot from "./models/objective-snapshot"
import DecisionLog from "./models/decision-log"

class ObjectiveModuleService extends MedusaService({
  Objective,
  ObjectiveSnapshot,
  DecisionLog,
}) {}

export default ObjectiveModuleService
