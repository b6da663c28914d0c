import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminCreateDataSource, AdminDeleteDataSource, AdminGetDataSources, AdminUpdateDataSource } from "./validators"
import { validateBody } from "../../utils/validators"

export const adminDataMapRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/data-map/sources",
    middlewares: [validateAndTransformQuery(AdminGetDataSources, {})],
  },
  { method: ["POST"], matcher: "/admin/data-map/sources", middlewares: [validateBody(AdminCreateDataSource)] },
  { method: ["POST"], matcher: "/admin/data-map/sources/:id", middlewares: [validateBody(AdminUpdateDataSource)] },
  {
    method: ["DELETE"],
    matcher: "/admin/data-map/sources/:id",
    middlewares: [validateAndTransformQuery(AdminDeleteDataSource, {})],
  },
]
