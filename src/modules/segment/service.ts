import { MedusaService } from "@medusajs/framework/utils"
import Segment from "./models/segment"
import SegmentMembership from "./models/segment-membership"
import SegmentVersion from "./models/segment-version"

class SegmentModuleService extends MedusaService({
  Segment,
  SegmentMembership,
  SegmentVersion,
}) {}

export default SegmentModuleService
