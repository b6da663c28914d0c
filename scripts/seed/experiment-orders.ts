import { assignGroup } from "../../src/modules/objective/utils/holdout"

/** A customer the simulated experiment can place orders for (an imported customer). */
export type ExperimentCustomer = { id: string; source_customer_id: string; country?: string | null }

/** A product the simulated orders can contain (an imported product). */
export type ExperimentProduct = { stock_code: string; title: string; price: number }

export type ExperimentPlan = {
  objective_id: string
  holdout_share: number
  /** first day of the experiment (00:00 UTC) */
  start: Date
  weeks: number
  /** share of customers with a first order in the period */
  active_share: number
  /** chance of a repeat order within the metric window, per group */
  repeat: { treatment: number; holdout: number }
  /** first invoice number of the simulated orders (kept apart from the generated history's) */
  first_invoice: number
  seed: number
}

export const CSV_HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
const DAY = 86400000

/** mulberry32: a small seeded PRNG, so the same plan gives the same file. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n: number) => String(n).padStart(2, "0")
const stamp = (t: number) => {
  const d = new Date(t)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`
}
const field = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/**
 * Order lines (the importer's CSV shape) for an experiment over `weeks` weeks: a share of the
 * customers buy once in the period, and buy again a few days later with the chance of their group
 * (treatment or holdout, by the objective's own hash). Pure and deterministic.
 */
export function experimentOrderLines(
  plan: ExperimentPlan,
  customers: ExperimentCustomer[],
  products: ExperimentProduct[]
): { lines: string[]; orders: number; groups: Record<"treatment" | "holdout", number> } {
  const next = rng(plan.seed)
  const lines = [CSV_HEADER]
  const groups = { treatment: 0, holdout: 0 }
  let invoice = plan.first_invoice
  let orders = 0
  const lastDay = plan.weeks * 7 - 14
  const basket = (customer: ExperimentCustomer, t: number) => {
    const size = 2 + Math.floor(next() * 3)
    const picked = new Set<number>()
    for (let k = 0; k < size; k++) picked.add(Math.floor(next() * next() * products.length))
    for (const i of picked) {
      const p = products[i]
      const quantity = [6, 8, 12, 24][Math.floor(next() * 4)]
      lines.push(
        [
          invoice,
          field(p.stock_code),
          field(p.title),
          quantity,
          stamp(t),
          p.price.toFixed(2),
          customer.source_customer_id,
          field(customer.country || "United Kingdom"),
        ].join(",")
      )
    }
    invoice++
    orders++
  }
  for (const c of customers) {
    if (next() >= plan.active_share) continue
    const group = assignGroup(plan.objective_id, c.id, plan.holdout_share)
    groups[group]++
    const day = Math.floor(next() * lastDay)
    const t0 = plan.start.getTime() + day * DAY + (9 + Math.floor(next() * 8)) * 3600000
    basket(c, t0)
    if (next() < plan.repeat[group]) {
      basket(c, t0 + (2 + Math.floor(next() * 10)) * DAY)
    }
  }
  return { lines, orders, groups }
}
