import { Module } from "@medusajs/framework/utils"
import SegmentModuleService from "./service"

export const SEGMENT_MODULE = "segment"

export { SegmentEvents, MEMBERSHIP_EVENT_BATCH } from "./events"
export type { SegmentMembershipEventData } from "./events"

export default Module(SEGMENT_MODULE, {
  service: SegmentModuleService,
})
