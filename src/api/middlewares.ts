import {
  defineMiddlewares,
  errorHandler,
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { adminSegmentRoutesMiddlewares } from "./admin/segments/middlewares"
import { adminObjectiveRoutesMiddlewares } from "./admin/objectives/middlewares"
import { adminDecisionLogRoutesMiddlewares } from "./admin/decision-log/middlewares"
import { storeObjectiveRoutesMiddlewares } from "./store/objectives/middlewares"
import { adminDataAuditRoutesMiddlewares } from "./admin/data-audit/middlewares"
import { adminRecommendationRoutesMiddlewares } from "./admin/recommendations/middlewares"
import { storeRecommendationRoutesMiddlewares } from "./store/recommendations/middlewares"
import { storeCustomerSegmentRoutesMiddlewares } from "./store/customers/me/segments/middlewares"
import { adminRequirementRoutesMiddlewares } from "./admin/requirements/middlewares"
import { adminDataMapRoutesMiddlewares } from "./admin/data-map/middlewares"
import { adminPersonalizationPlanRoutesMiddlewares } from "./admin/personalization/middlewares"
import { guardRequestInput, PLUGIN_ROUTE_PREFIXES } from "./utils/request-guard"

const medusaErrorHandler = errorHandler()

/**
 * Medusa's own error handler, with one correction: Express answers a path it cannot decode
 * (`/admin/x/%E0%A4%A`) with a URIError carrying status 400, which Medusa's handler turns into a
 * 500, and a core wildcard middleware decodes every admin and store path before any plugin code
 * runs. A store that sets its own errorHandler replaces this one (the last one loaded wins).
 */
function errorHandlerWithBadPaths(err: unknown, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (err instanceof URIError && (err as URIError & { status?: number }).status === 400) {
    const invalid = new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: path is not valid percent-encoded UTF-8 (${err.message})`
    )
    return medusaErrorHandler(invalid, req, res, next)
  }
  return medusaErrorHandler(err, req, res, next)
}

export default defineMiddlewares({
  errorHandler: errorHandlerWithBadPaths,
  routes: [
    // No method: Medusa sorts it before every route's own validators, and Express mounts it with
    // `app.use(prefix)`, which matches the prefix and everything below it with no parameter to
    // decode (a `*` matcher is a parameter: Express failing to decode `%E0%A4%A` in it is a 500).
    ...PLUGIN_ROUTE_PREFIXES.map((prefix) => ({ matcher: prefix, middlewares: [guardRequestInput] })),
    ...adminSegmentRoutesMiddlewares,
    ...adminObjectiveRoutesMiddlewares,
    ...adminDecisionLogRoutesMiddlewares,
    ...storeObjectiveRoutesMiddlewares,
    ...adminDataAuditRoutesMiddlewares,
    ...adminRecommendationRoutesMiddlewares,
    ...storeRecommendationRoutesMiddlewares,
    ...storeCustomerSegmentRoutesMiddlewares,
    ...adminRequirementRoutesMiddlewares,
    ...adminDataMapRoutesMiddlewares,
    ...adminPersonalizationPlanRoutesMiddlewares,
  ],
})
