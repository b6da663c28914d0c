import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from "../../../../modules/recommendation"
import RecommendationModuleService from "../../../../modules/recommendation/service"
import { applyRepurchaseWindowsWorkflow } from "../../../../workflows/recommendation/apply-repurchase-windows"
import { AdminApplyRepurchaseWindowsType } from "../validators"
import type { Served } from "../../../../types/served"
import type {
  AdminRepurchaseWindowListResponse,
  AdminRepurchaseWindowsApplied,
} from "../../../../types/recommendations"

/**
 * GET /admin/recommendations/repurchase-windows: the windows detected on the store's counted
 * orders (products re-bought on a cycle), each with the product's title and current window.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service: RecommendationModuleService = req.scope.resolve(RECOMMENDATION_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const proposals = await service.repurchaseProposals()
  const ids = proposals.map((p) => p.product_id)
  const { data: products } = ids.length
    ? await query.graph({ entity: "product", fields: ["id", "title"], filters: { id: ids } })
    : { data: [] as { id: string; title: string }[] }
  const titles = new Map((products as { id: string; title: string }[]).map((p) => [p.id, p.title]))
  res.json({
    repurchase_windows: proposals.map((p) => ({
      product_id: p.product_id,
      title: titles.get(p.product_id) ?? null,
      buyers: p.buyers,
      rebuyers: p.rebuyers,
      rebuy_share: p.rebuy_share,
      intervals: p.intervals,
      median_interval_days: p.median_interval_days,
      proposed_window_days: p.repurchase_window_days,
      current_window_days: p.current_window_days,
    })),
    count: proposals.length,
  } satisfies Served<AdminRepurchaseWindowListResponse>)
}

/** POST /admin/recommendations/repurchase-windows: sets products' windows (decision-logged). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminApplyRepurchaseWindowsType>, res: MedusaResponse) => {
  const body = req.validatedBody as AdminApplyRepurchaseWindowsType
  const { result } = await applyRepurchaseWindowsWorkflow(req.scope).run({
    input: { windows: body.windows, actor_id: req.auth_context?.actor_id ?? null },
  })
  res.json({
    repurchase_windows: result.map((u) => ({ product_id: u.id, from: u.from, repurchase_window_days: u.to })),
  } satisfies Served<AdminRepurchaseWindowsApplied>)
}
