import { AuditCheck, blocks } from "./types"
import { proposeRepurchaseWindow, REPURCHASE_THRESHOLDS } from "../../../utils/repurchase"

/** Products listed in the finding's details. */
export const REPURCHASE_DETAILS_LIMIT = 20

export const repurchaseChecks: AuditCheck[] = [
  {
    id: "products.repurchase_cycles",
    title: "Products customers re-buy on a cycle, without a repurchase window",
    area: "products",
    entity: "product",
    sample_entity: "product",
    severity: "low",
    measured: `Live products with at least ${REPURCHASE_THRESHOLDS.min_buyers} customers in counted orders whose re-buy cycle is clear (at least ${REPURCHASE_THRESHOLDS.min_rebuy_share * 100}% of buyers bought on two or more days, at least ${REPURCHASE_THRESHOLDS.min_intervals} intervals) and whose metadata has no repurchase_window_days, out of live products with at least ${REPURCHASE_THRESHOLDS.min_buyers} buyers. Details: the ${REPURCHASE_DETAILS_LIMIT} most re-bought with buyers, re-buy share, median interval and the proposed window (the median, rounded).`,
    remediation:
      "Set metadata.repurchase_window_days on these products (the proposed window is a starting point): recommendations may then offer them again once the window has passed.",
    blocks: blocks([], [], ["co_purchase", "fallback_store"]),
    async run(ctx) {
      // Per product with enough buyers: buyers, re-buyers (two or more distinct UTC days), intervals
      // between a customer's consecutive purchase days and their median (the order line scan);
      // the decision is the pure `proposeRepurchaseWindow`, the same the recommendation module's detection uses.
      const products = (await ctx.source.repurchaseProducts(ctx)).map(({ median_interval_days, ...r }) => {
        const aggregate = { buyers: r.buyers, rebuyers: r.rebuyers, intervals: r.intervals, median_interval_days }
        return {
          product_id: r.product_id,
          title: r.title,
          ...aggregate,
          rebuy_share: aggregate.buyers ? aggregate.rebuyers / aggregate.buyers : 0,
          proposed_window_days: proposeRepurchaseWindow(aggregate),
          current_window: r.current_window,
        }
      })
      const flagged = products
        .filter((p) => p.proposed_window_days !== null && p.current_window === null)
        .sort(
          (a, b) =>
            b.rebuyers - a.rebuyers ||
            b.buyers - a.buyers ||
            (a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0)
        )
      const top = flagged.slice(0, REPURCHASE_DETAILS_LIMIT)
      return {
        affected: flagged.length,
        total: products.length,
        sample_ids: top.slice(0, ctx.options.sample_size).map((p) => p.product_id),
        details: {
          thresholds: REPURCHASE_THRESHOLDS,
          products: top.map(({ current_window: _c, ...p }) => p),
        },
      }
    },
  },
]
