import type { Area, AuditFinding, Severity } from "../../../../hooks/data-audit"

export const AREAS: { key: Area; label: string }[] = [
  { key: "customers", label: "Customers" },
  { key: "orders", label: "Orders" },
  { key: "products", label: "Products" },
  { key: "coverage", label: "Coverage of time" },
  { key: "readiness", label: "Readiness of the plan" },
]
export const SEVERITY_ORDER: Severity[] = ["high", "medium", "low", "info"]
export const SEVERITY_COLOR = { high: "red", medium: "orange", low: "blue", info: "grey" } as const
export const BAR_COLOR = {
  high: "bg-ui-tag-red-icon",
  medium: "bg-ui-tag-orange-icon",
  low: "bg-ui-tag-blue-icon",
  info: "bg-ui-tag-neutral-icon",
}

export const fmt = (n: number) => n.toLocaleString("en-GB")
export const pct = (s: number) => `${(s * 100).toFixed(1)}%`

export const sampleHref = (entity: AuditFinding["sample_entity"], id: string) => {
  switch (entity) {
    case "customer":
      return `/customers/${id}`
    case "order":
      return `/orders/${id}`
    case "product":
      return `/products/${id}`
    case "segment":
      return `/personalization/segments`
    case "objective":
      return `/personalization/objectives`
    default:
      return null
  }
}
