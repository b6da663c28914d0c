import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendPlan } from "../plan/helpers"

/** `GET /admin/personalization/plan.html`: the plan as `?format=html` answers it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => sendPlan(req, res, "html")
