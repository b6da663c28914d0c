import { MiddlewareRoute } from "@medusajs/framework/http"

export const adminDataAuditRoutesMiddlewares: MiddlewareRoute[] = []
