import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { listRecommendationRulesQueryConfig, retrieveRecommendationRuleQueryConfig } from "./query-config"
import {
  AdminApplyRepurchaseWindows,
  AdminCreateRecommendationRule,
  AdminFrequentlyBought,
  AdminListRecommendationRules,
  AdminListRecommendationValidations,
  AdminPreviewRecommendations,
  AdminUpdateRecommendationRule,
  AdminValidateRecommendations,
} from "./validators"
import { validateBody } from "../../utils/validators"

export const adminRecommendationRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/recommendations/rules",
    middlewares: [validateAndTransformQuery(AdminListRecommendationRules, listRecommendationRulesQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/recommendations/rules",
    middlewares: [validateBody(AdminCreateRecommendationRule)],
  },
  {
    method: ["GET"],
    matcher: "/admin/recommendations/rules/:id",
    middlewares: [
      validateAndTransformQuery(
        AdminListRecommendationRules.pick({ fields: true }).strict(),
        retrieveRecommendationRuleQueryConfig
      ),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/recommendations/rules/:id",
    middlewares: [validateBody(AdminUpdateRecommendationRule)],
  },
  {
    method: ["GET"],
    matcher: "/admin/recommendations/preview",
    middlewares: [validateAndTransformQuery(AdminPreviewRecommendations, { defaults: [], allowed: [], isList: false })],
  },
  {
    method: ["GET"],
    matcher: "/admin/recommendations/frequently-bought/:product_id",
    middlewares: [validateAndTransformQuery(AdminFrequentlyBought, { defaults: [], allowed: [], isList: false })],
  },
  {
    method: ["POST"],
    matcher: "/admin/recommendations/validate",
    middlewares: [validateBody(AdminValidateRecommendations)],
  },
  {
    method: ["GET"],
    matcher: "/admin/recommendations/validations",
    middlewares: [validateAndTransformQuery(AdminListRecommendationValidations, {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/recommendations/repurchase-windows",
    middlewares: [validateBody(AdminApplyRepurchaseWindows)],
  },
]
