import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendPlan } from "../plan/helpers"

/** `GET /admin/personalization/plan.json`: the plan as `?format=json` answers it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => sendPlan(req, res, "json")
