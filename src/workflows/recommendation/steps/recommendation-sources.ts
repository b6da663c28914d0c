import { MedusaContainer } from "@medusajs/framework/types"
import { RecommendationSources } from "../../../modules/recommendation/types"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"

/**
 * What the recommendation module asks other plugin modules for while it ranks: best sellers among a
 * segment's members, from the segment module's service. The module caches the answers.
 */
export function recommendationSources(container: MedusaContainer): RecommendationSources {
  return {
    async bestSellersInSegments(segmentIds, limit) {
      const segments: SegmentModuleService = container.resolve(SEGMENT_MODULE)
      return await segments.popularProductsAmongMembers(segmentIds, limit)
    },
  }
}
