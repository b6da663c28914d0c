import { MedusaService } from "@medusajs/framework/utils"
import Segment from "./models/segment"

class SegmentModuleService extends MedusaService({
  Segment,
}) {}

export default SegmentModuleService
