import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminCreateSegment,
  AdminGetSegmentMembers,
  AdminGetSegments,
  AdminGetSegmentVersions,
  AdminPreviewSegment,
  AdminUpdateSegment,
} from "./validators"
import { validateBody } from "../../utils/validators"
import { AdminSegmentGroupSyncBody } from "./[id]/group-sync/validators"

export const adminSegmentRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/segments", middlewares: [validateAndTransformQuery(AdminGetSegments, {})] },
  { method: ["POST"], matcher: "/admin/segments", middlewares: [validateBody(AdminCreateSegment)] },
  {
    method: ["POST"],
    matcher: "/admin/segments/preview",
    middlewares: [validateBody(AdminPreviewSegment)],
  },
  { method: ["POST"], matcher: "/admin/segments/:id", middlewares: [validateBody(AdminUpdateSegment)] },
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
  {
    method: ["POST"],
    matcher: "/admin/segments/:id/group-sync",
    middlewares: [validateBody(AdminSegmentGroupSyncBody)],
  },
]
