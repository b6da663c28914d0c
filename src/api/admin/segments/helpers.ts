import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"
import type { SegmentDTO } from "../../../modules/segment/types"
import type { RuleNode } from "../../../modules/segment/utils/rules"

export function segmentService(scope: MedusaContainer): SegmentModuleService {
  return scope.resolve(SEGMENT_MODULE)
}

/** A URL-safe handle from a name. */
export function toHandle(name: string): string {
  const h = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
  return h || `segment-${Date.now()}`
}

/** A stored segment with its rule tree typed: rules are validated on write, so the json column holds a tree. */
export type StoredSegment = Omit<SegmentDTO, "rules"> & { rules: RuleNode | null }

export const asStoredSegments = (segments: SegmentDTO[]) => segments as StoredSegment[]

export async function retrieveSegmentOr404(scope: MedusaContainer, id: string): Promise<StoredSegment> {
  const [segment] = await segmentService(scope).listSegments({ id }, { take: 1 })
  if (!segment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Segment with id "${id}" was not found`)
  }
  return segment as StoredSegment
}
