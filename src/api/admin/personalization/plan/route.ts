import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminGetPlanType } from "../validators"
import { sendPlan } from "./helpers"

/**
 * The living plan from live data: `?format=json` (default), `md` (Markdown) or `html` (printable);
 * also at `plan.json`, `plan.md` and `plan.html`. Objectives with baseline, target, lift and
 * verdict; under each its requirements, segments, rules, data gaps and decisions; what needs
 * attention and the traceability flags first.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetPlanType>, res: MedusaResponse) =>
  sendPlan(req, res, req.validatedQuery.format ?? "json")
