import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminCreateRequirement,
  AdminDeleteRequirement,
  AdminGetRequirements,
  AdminUpdateRequirement,
} from "./validators"
import { validateBody } from "../../utils/validators"

export const adminRequirementRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/requirements",
    middlewares: [validateAndTransformQuery(AdminGetRequirements, {})],
  },
  { method: ["POST"], matcher: "/admin/requirements", middlewares: [validateBody(AdminCreateRequirement)] },
  { method: ["POST"], matcher: "/admin/requirements/:id", middlewares: [validateBody(AdminUpdateRequirement)] },
  {
    method: ["DELETE"],
    matcher: "/admin/requirements/:id",
    middlewares: [validateAndTransformQuery(AdminDeleteRequirement, {})],
  },
]
