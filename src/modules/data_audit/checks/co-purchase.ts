import { AuditCheck, blocks } from "./types"
import {
  fewProductsPaired,
  PAIRED_SHARE_THRESHOLD,
  UNPAIRED_PRODUCTS_CHECK,
  UNPAIRED_PRODUCTS_TITLE,
} from "../../../utils/co-purchase-evidence"

const pct = (x: number) => `${Math.round(x * 100)}%`

/**
 * Co-purchase evidence: the recommendation module counts, with each co-purchase pass, its products
 * and those bought together with another by `min_support` customers or more; the audit workflow
 * hands the figures in (`subjects.co_purchase`). The audit reads none of that module's tables.
 */
export const coPurchaseChecks: AuditCheck[] = [
  {
    id: UNPAIRED_PRODUCTS_CHECK,
    title: UNPAIRED_PRODUCTS_TITLE,
    area: "products",
    entity: "product",
    sample_entity: "none",
    severity: "info",
    measured: `Products with co-purchase counts (in a customer's counted history) that no other product was bought with by min_support (default 2) or more customers, out of products with co-purchase counts, as the latest co-purchase pass (the nightly job) counted them; affected only when fewer than ${pct(PAIRED_SHARE_THRESHOLD)} of them have such a neighbour (0 otherwise: co-purchase evidence is enough). Nothing is reported before the first pass or without the recommendation module. The "few products bought together" cause of the Quality panel when validation serves best sellers.`,
    remediation:
      "Nothing to fix in the data: while most products are bought with no other by two or more customers, best sellers are the honest recommendation (the Quality panel says so). Import older orders, merge products listed twice (products.duplicate_title) and bring customers back: co-purchase models then get evidence.",
    blocks: blocks([], [], ["co_purchase"]),
    async run(ctx) {
      const c = ctx.subjects.co_purchase
      if (!c) {
        return []
      }
      const unpaired = c.products - c.paired_products
      const few = fewProductsPaired(c.paired_products, c.products)
      const share = c.products ? c.paired_products / c.products : null
      const counted = `${pct(share ?? 0)} of products (${c.paired_products} of ${c.products}) were bought together with another by ${c.min_support} or more customers`
      return {
        affected: few ? unpaired : 0,
        total: c.products,
        sample_ids: [],
        details: {
          message:
            share === null
              ? "No product has co-purchase counts yet."
              : few
                ? `Only ${counted}, under ${pct(PAIRED_SHARE_THRESHOLD)}: too little co-purchase evidence, best sellers are likely to win.`
                : `${counted[0].toUpperCase()}${counted.slice(1)}: enough co-purchase evidence.`,
          products: c.products,
          paired_products: c.paired_products,
          unpaired_products: unpaired,
          paired_share: share,
          threshold: PAIRED_SHARE_THRESHOLD,
          min_support: c.min_support,
          pass: c.pass,
          counted_at: c.counted_at,
        },
      }
    },
  },
]
