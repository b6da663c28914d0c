import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
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

export const adminObjectiveRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/objectives", middlewares: [validateAndTransformQuery(AdminGetObjectives, {})] },
  { method: ["POST"], matcher: "/admin/objectives", middlewares: [validateAndTransformBody(AdminCreateObjective)] },
  { method: ["GET"], matcher: "/admin/objectives/:id", middlewares: [validateAndTransformQuery(AdminGetObjective, {})] },
  { method: ["POST"], matcher: "/admin/objectives/:id", middlewares: [validateAndTransformBody(AdminUpdateObjective)] },
  {
    method: ["GET"],
    matcher: "/admin/objectives/:id/snapshots",
    middlewares: [validateAndTransformQuery(AdminGetSnapshots, {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/objectives/:id/snapshots",
    middlewares: [validateAndTransformBody(AdminCreateSnapshots)],
  },
  { method: ["GET"], matcher: "/admin/objectives/:id/lift", middlewares: [validateAndTransformQuery(AdminGetLift, {})] },
  {
    method: ["POST"],
    matcher: "/admin/objectives/:id/links",
    middlewares: [validateAndTransformBody(AdminObjectiveLinks)],
  },
  {
    method: ["POST"],
    matcher: "/admin/objectives/:id/baseline",
    middlewares: [validateAndTransformBody(AdminRecomputeObjectiveBaseline)],
  },
]
