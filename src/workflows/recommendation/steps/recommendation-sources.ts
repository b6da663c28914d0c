import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RecommendationSources } from "../../../modules/recommendation/types"
import { ProductFacts } from "../../../modules/recommendation/utils/types"
import { SEGMENT_MODULE } from "../../../modules/segment"
import SegmentModuleService from "../../../modules/segment/service"

/** The product fields ranking reads (status, channels, categories, collection, tags, repurchase window). */
export const PRODUCT_FACT_FIELDS = [
  "id",
  "status",
  "collection_id",
  "metadata",
  "sales_channels.id",
  "categories.id",
  "tags.id",
]

type ProductRow = {
  id: string
  status: string
  collection_id?: string | null
  metadata?: Record<string, unknown> | null
  sales_channels?: ({ id: string } | null)[] | null
  categories?: ({ id: string } | null)[] | null
  tags?: ({ id: string } | null)[] | null
}

const ids = (list: ({ id: string } | null)[] | null | undefined) =>
  (list ?? []).map((x) => x?.id).filter((id): id is string => !!id)

/** A product's facts for ranking; `repurchase_window_days` comes from the product's metadata. */
export function productFacts(row: ProductRow, salesChannelIds: string[]): ProductFacts {
  const raw = row.metadata?.repurchase_window_days
  const window = raw === null || raw === undefined || raw === "" ? NaN : Number(raw)
  const channels = new Set(ids(row.sales_channels))
  return {
    published: row.status === "published",
    in_sales_channel: salesChannelIds.some((id) => channels.has(id)),
    collection_id: row.collection_id ?? null,
    category_ids: ids(row.categories),
    tag_ids: ids(row.tags),
    repurchase_window_days: Number.isFinite(window) && window >= 0 ? window : null,
  }
}

/**
 * The catalog and segment reads of one recommendation request, through query.graph (Medusa's
 * product module and its sales-channel link) and the segment module's service. The recommendation
 * module calls them for what it does not hold in its cache.
 */
export function recommendationSources(container: MedusaContainer): RecommendationSources {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  return {
    async productFacts(productIds, salesChannelIds) {
      const out = new Map<string, ProductFacts>()
      if (!productIds.length) {
        return out
      }
      const { data } = await query.graph({
        entity: "product",
        fields: PRODUCT_FACT_FIELDS,
        filters: { id: productIds },
      })
      for (const row of data as ProductRow[]) {
        out.set(row.id, productFacts(row, salesChannelIds))
      }
      return out
    },
    async productsInCategories(categoryIds) {
      if (!categoryIds.length) {
        return []
      }
      const { data } = await query.graph({
        entity: "product_category",
        fields: ["id", "products.id"],
        filters: { id: categoryIds },
      })
      return [...new Set((data as { products?: ({ id: string } | null)[] | null }[]).flatMap((c) => ids(c.products)))]
    },
    async bestSellersInSegments(segmentIds, limit) {
      const segments: SegmentModuleService = container.resolve(SEGMENT_MODULE)
      return await segments.popularProductsAmongMembers(segmentIds, limit)
    },
  }
}
