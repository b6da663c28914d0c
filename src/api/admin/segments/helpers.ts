import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"

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

export async function retrieveSegmentOr404(scope: MedusaContainer, id: string) {
  const [segment] = await segmentService(scope).listSegments({ id }, { take: 1 })
  if (!segment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Segment with id "${id}" was not found`)
  }
  return segment
}
