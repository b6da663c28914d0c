import type { AdminPlanResponse } from "../../../types/plan"
import { renderPlanMarkdown } from "./plan-markdown"

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")

/**
 * The plan as a printable HTML page: the Markdown export's lines (headings, list items,
 * paragraphs: the only forms it writes) as HTML, every text escaped. One source of the words.
 */
export function renderPlanHtml(plan: AdminPlanResponse): string {
  const body: string[] = []
  let inList = false
  for (const line of renderPlanMarkdown(plan).split("\n")) {
    const heading = /^(#{1,6}) (.*)$/.exec(line)
    const item = /^- (.*)$/.exec(line)
    if (!item && inList) {
      body.push("</ul>")
      inList = false
    }
    if (heading) {
      body.push(`<h${heading[1].length}>${escapeHtml(heading[2])}</h${heading[1].length}>`)
    } else if (item) {
      if (!inList) body.push("<ul>")
      inList = true
      body.push(`<li>${escapeHtml(item[1])}</li>`)
    } else if (line.trim()) {
      body.push(`<p>${escapeHtml(line)}</p>`)
    }
  }
  if (inList) body.push("</ul>")
  return [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>Personalization plan</title>',
    "<style>body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}",
    "h1,h2{border-bottom:1px solid #ddd}h2{margin-top:2rem;page-break-before:auto}h3,h4{margin-bottom:.25rem}",
    "@media print{body{margin:0}h2{page-break-after:avoid}}</style></head>",
    "<body>",
    ...body,
    "</body></html>",
    "",
  ].join("\n")
}
