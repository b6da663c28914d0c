import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { recommendProductsWorkflow } from "../../../../workflows/recommendation/recommend-products"
import { AdminPreviewRecommendationsType } from "../validators"
import type { Served } from "../../../../types/served"
import type { AdminRecommendationPreviewResponse, AdminRecommendedProduct } from "../../../../types/recommendations"

/**
 * GET /admin/recommendations/preview: "view as customer" — the list the store would serve to a
 * customer (or an anonymous visitor) with each item's reasons and trace, and product titles.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminPreviewRecommendationsType>,
  res: MedusaResponse
) => {
  const q = req.validatedQuery as AdminPreviewRecommendationsType
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  let salesChannelIds = q.sales_channel_id ? [q.sales_channel_id] : []
  if (!salesChannelIds.length) {
    const { data: stores } = await query.graph({ entity: "store", fields: ["default_sales_channel_id"] })
    salesChannelIds = stores
      .map((s: { default_sales_channel_id?: string | null }) => s.default_sales_channel_id)
      .filter(Boolean) as string[]
  }
  if (q.customer_id) {
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id"],
      filters: { id: q.customer_id },
    })
    if (!customers.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${q.customer_id} was not found`)
    }
  }
  const { result } = await recommendProductsWorkflow(req.scope).run({
    input: {
      placement: q.placement,
      customer_id: q.customer_id ?? null,
      product_id: q.product_id,
      cart_id: q.cart_id,
      limit: q.limit ?? 12,
      sales_channel_ids: salesChannelIds,
      // the merchant checks a rule they just changed: never the cached anonymous list
      use_cache: false,
    },
  })
  const ids = result.items.map((i) => i.product_id)
  const { data: products } = ids.length
    ? await query.graph({ entity: "product", fields: ["id", "title", "handle", "thumbnail"], filters: { id: ids } })
    : { data: [] as AdminRecommendedProduct[] }
  const byId = new Map((products as AdminRecommendedProduct[]).map((p) => [p.id, p]))
  res.json({
    preview: {
      ...result,
      items: result.items.map((i) => ({ ...i, product: byId.get(i.product_id) ?? null })),
    },
  } satisfies Served<AdminRecommendationPreviewResponse>)
}
