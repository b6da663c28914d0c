import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildPlanWorkflow } from "../../../../workflows/plan/build-plan"
import { renderPlanMarkdown } from "../../../../modules/plan/utils/plan-markdown"
import { renderPlanHtml } from "../../../../modules/plan/utils/plan-html"
import type { AdminPlanResponse } from "../../../../types/plan"
import type { Served } from "../../../../types/served"

export type PlanFormat = "json" | "md" | "html"

/**
 * Builds the plan from live data and answers it in one format: JSON, Markdown or printable HTML.
 * Shared by `GET /admin/personalization/plan?format=` and its file-like aliases `plan.json`,
 * `plan.md`, `plan.html`.
 */
export async function sendPlan(req: AuthenticatedMedusaRequest, res: MedusaResponse, format: PlanFormat) {
  const { result } = await buildPlanWorkflow(req.scope).run({})
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
