import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from "../../../../../modules/recommendation"
import RecommendationModuleService from "../../../../../modules/recommendation/service"
import type { Served } from "../../../../../types/served"
import type { AdminFrequentlyBoughtResponse } from "../../../../../types/recommendations"

type FrequentlyBoughtProduct = NonNullable<AdminFrequentlyBoughtResponse["items"][number]["product"]>

/**
 * GET /admin/recommendations/frequently-bought/:product_id: co-purchase neighbours with counts
 * (customers who bought both, and how many of them came back for the neighbour later).
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, { limit?: number }>, res: MedusaResponse) => {
  const service: RecommendationModuleService = req.scope.resolve(RECOMMENDATION_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const productId = req.params.product_id
  const limit = (req.validatedQuery as { limit?: number }).limit ?? 10
  const { neighbors, item_counts } = await service.getNeighbors([productId])
  const list = (neighbors.get(productId) ?? []).slice(0, limit)
  const ids = list.map((n) => n.product_id)
  const { data: products } = ids.length
    ? await query.graph({
        entity: "product",
        fields: ["id", "title", "handle", "thumbnail", "status"],
        filters: { id: ids },
      })
    : { data: [] as FrequentlyBoughtProduct[] }
  const byId = new Map((products as FrequentlyBoughtProduct[]).map((p) => [p.id, p]))
  res.json({
    product_id: productId,
    buyers: item_counts.get(productId) ?? 0,
    items: list.map((n) => ({
      product_id: n.product_id,
      customers: n.count,
      came_back_later: n.later ?? 0,
      product: byId.get(n.product_id) ?? null,
    })),
  } satisfies Served<AdminFrequentlyBoughtResponse>)
}
