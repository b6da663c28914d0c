import { MedusaService } from "@medusajs/framework/utils"
import Objective from "./models/objective"

class ObjectiveModuleService extends MedusaService({
  Objective,
}) {}

export default ObjectiveModuleService
