import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminCreateSegment,
  AdminGetSegmentMembers,
  AdminGetSegments,
  AdminGetSegmentVersions,
  AdminPreviewSegment,
  AdminUpdateSegment,
} from "./validators"

export const adminSegmentRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/segments", middlewares: [validateAndTransformQuery(AdminGetSegments, {})] },
  { method: ["POST"], matcher: "/admin/segments", middlewares: [validateAndTransformBody(AdminCreateSegment)] },
  {
    method: ["POST"],
    matcher: "/admin/segments/preview",
    middlewares: [validateAndTransformBody(AdminPreviewSegment)],
  },
  { method: ["POST"], matcher: "/admin/segments/:id", middlewares: [validateAndTransformBody(AdminUpdateSegment)] },
  {
    method: ["GET"],
    matcher: "/admin/segments/:id/members",
    middlewares: [validateAndTransformQuery(AdminGetSegmentMembers, {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/segments/:id/versions",
    middlewares: [validateAndTransformQuery(AdminGetSegmentVersions, {})],
  },
]
