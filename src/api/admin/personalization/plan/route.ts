import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildPlanWorkflow } from "../../../../workflows/plan/build-plan"
import { renderPlanMarkdown } from "../../../../modules/plan/utils/plan-markdown"
import { renderPlanHtml } from "../../../../modules/plan/utils/plan-html"
import type { AdminPlanResponse } from "../../../../types/plan"
import type { Served } from "../../../../types/served"
import type { AdminGetPlanType } from "../validators"

/**
 * The living plan from live data: `?format=json` (default), `md` (Markdown) or `html` (printable).
 * Objectives with baseline, target, lift and verdict; under each its requirements, segments,
 * rules, data gaps and decisions; what needs attention and the traceability flags first.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetPlanType>, res: MedusaResponse) => {
  const { result } = await buildPlanWorkflow(req.scope).run({})
  const format = req.validatedQuery.format
  if (format === "md") {
    res.setHeader("Content-Type", "text/markdown; charset=utf-8")
    res.setHeader("Content-Disposition", 'inline; filename="personalization-plan.md"')
    res.send(renderPlanMarkdown(result))
    return
  }
  if (format === "html") {
    res.setHeader("Content-Type", "text/html; charset=utf-8")
    res.send(renderPlanHtml(result))
    return
  }
  res.json(result satisfies Served<AdminPlanResponse>)
}
