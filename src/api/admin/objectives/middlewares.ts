import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminCreateObjective,
  AdminCreateSnapshots,
  AdminGetLift,
  AdminGetObjective,
  AdminGetObjectives,
  AdminGetSnapshots,
  AdminObjectiveLinks,
  AdminRecomputeObjectiveBaseline,
  AdminUpdateObjective,
} from "./validators"
import { validateBody } from "../../utils/validators"

export const adminObjectiveRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/objectives", middlewares: [validateAndTransformQuery(AdminGetObjectives, {})] },
  { method: ["POST"], matcher: "/admin/objectives", middlewares: [validateBody(AdminCreateObjective)] },
  {
    method: ["GET"],
    matcher: "/admin/objectives/:id",
    middlewares: [validateAndTransformQuery(AdminGetObjective, {})],
  },
  { method: ["POST"], matcher: "/admin/objectives/:id", middlewares: [validateBody(AdminUpdateObjective)] },
  {
    method: ["GET"],
    matcher: "/admin/objectives/:id/snapshots",
    middlewares: [validateAndTransformQuery(AdminGetSnapshots, {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/objectives/:id/snapshots",
    middlewares: [validateBody(AdminCreateSnapshots)],
  },
  {
    method: ["GET"],
    matcher: "/admin/objectives/:id/lift",
    middlewares: [validateAndTransformQuery(AdminGetLift, {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/objectives/:id/links",
    middlewares: [validateBody(AdminObjectiveLinks)],
  },
  {
    method: ["POST"],
    matcher: "/admin/objectives/:id/baseline",
    middlewares: [validateBody(AdminRecomputeObjectiveBaseline)],
  },
]
