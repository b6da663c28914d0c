import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminCheckTrend, AdminGetAuditRun, AdminListAuditRuns, AdminStartAuditRun } from "./validators"
import { validateBody } from "../../utils/validators"

export const adminDataAuditRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/data-audit/runs",
    middlewares: [validateBody(AdminStartAuditRun)],
  },
  {
    method: ["GET"],
    matcher: "/admin/data-audit/runs",
    middlewares: [validateAndTransformQuery(AdminListAuditRuns, {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/data-audit/runs/:id",
    middlewares: [validateAndTransformQuery(AdminGetAuditRun, {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/data-audit/checks/:check_id/trend",
    middlewares: [validateAndTransformQuery(AdminCheckTrend, {})],
  },
]
