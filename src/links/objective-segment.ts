import { defineLink } from "@medusajs/framework/utils"
import ObjectiveModule from "../modules/objective"
import SegmentModule from "../modules/segment"

/** Objectives a segment serves (many-to-many): a segment-driven personalization needs one. */
export default defineLink(
  { linkable: ObjectiveModule.linkable.objective, isList: true },
  { linkable: SegmentModule.linkable.segment, isList: true }
)
