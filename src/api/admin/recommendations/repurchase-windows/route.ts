import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from "../../../../modules/recommendation"
import RecommendationModuleService from "../../../../modules/recommendation/service"
import { applyRepurchaseWindowsWorkflow } from "../../../../workflows/recommendation/apply-repurchase-windows"
import { AdminApplyRepurchaseWindowsType } from "../validators"
import { metadataWindow } from "../../../../utils/repurchase"
import type { Served } from "../../../../types/served"
import type {
  AdminRepurchaseWindowListResponse,
  AdminRepurchaseWindowsApplied,
} from "../../../../types/recommendations"

/** `id -> { name, metadata }` of products or categories, read with `query.graph`. */
async function namesAndMetadata(
  req: AuthenticatedMedusaRequest,
  entity: "product" | "product_category",
  nameField: "title" | "name",
  ids: string[]
): Promise<Map<string, { name: string | null; metadata: Record<string, unknown> }>> {
  if (!ids.length) return new Map()
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity, fields: ["id", nameField, "metadata"], filters: { id: ids } })
  return new Map(
    (data as Record<string, unknown>[]).map((r) => [
      r.id as string,
      {
        name: (r[nameField] as string | null) ?? null,
        metadata: (r.metadata as Record<string, unknown> | null) ?? {},
      },
    ])
  )
}

/**
 * GET /admin/recommendations/repurchase-windows: the windows detected on the store's counted
 * orders: products re-bought on a cycle, each with its title and current window, and categories
 * whose products are (their same-product re-buys pooled), each with its name and current window.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service: RecommendationModuleService = req.scope.resolve(RECOMMENDATION_MODULE)
  const { products, categories } = await service.repurchaseProposals()
  const productNames = await namesAndMetadata(
    req,
    "product",
    "title",
    products.map((p) => p.product_id)
  )
  const categoryNames = await namesAndMetadata(
    req,
    "product_category",
    "name",
    categories.map((c) => c.category_id)
  )
  const figures = (s: (typeof categories)[number] | (typeof products)[number]) => ({
    buyers: s.buyers,
    rebuyers: s.rebuyers,
    rebuy_share: s.rebuy_share,
    intervals: s.intervals,
    median_interval_days: s.median_interval_days,
    proposed_window_days: s.repurchase_window_days,
  })
  res.json({
    repurchase_windows: products.map((p) => ({
      product_id: p.product_id,
      title: productNames.get(p.product_id)?.name ?? null,
      ...figures(p),
      current_window_days: p.current_window_days,
    })),
    count: products.length,
    category_windows: categories
      .filter((c) => categoryNames.has(c.category_id))
      .map((c) => ({
        category_id: c.category_id,
        name: categoryNames.get(c.category_id)!.name,
        ...figures(c),
        current_window_days: metadataWindow(categoryNames.get(c.category_id)!.metadata.repurchase_window_days),
      })),
  } satisfies Served<AdminRepurchaseWindowListResponse>)
}

/** POST /admin/recommendations/repurchase-windows: sets products' and categories' windows (decision-logged). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminApplyRepurchaseWindowsType>, res: MedusaResponse) => {
  const body = req.validatedBody as AdminApplyRepurchaseWindowsType
  const { result } = await applyRepurchaseWindowsWorkflow(req.scope).run({
    input: {
      windows: body.windows,
      category_windows: body.category_windows,
      actor_id: req.auth_context?.actor_id ?? null,
    },
  })
  res.json({
    repurchase_windows: result.products.map((u) => ({
      product_id: u.id,
      from: u.from,
      repurchase_window_days: u.to,
    })),
    category_windows: result.categories.map((u) => ({
      category_id: u.id,
      from: u.from,
      repurchase_window_days: u.to,
    })),
  } satisfies Served<AdminRepurchaseWindowsApplied>)
}
