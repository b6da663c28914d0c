import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendPlan } from "../plan/helpers"

/** `GET /admin/personalization/plan.md`: the plan as `?format=md` answers it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => sendPlan(req, res, "md")
