import type { AuditSource } from "../checks/types"
import { productPass, SOLD_PROBE } from "../checks/shared"
import { customerOrderScan } from "./customer-order-scan"
import { lineScan } from "./line-scan"
import { READ_MODEL_SOLD_PROBE, readModelCurrent, readModelLineScan } from "./order-line-summary"
import { PREVIOUS_SOURCE } from "./previous"

/**
 * The audit's reads of Medusa's tables: one scan per table per run. `customer-order-scan.ts`
 * reads customers and orders in one statement, `line-scan.ts` joins the order lines once, and the
 * product pass (`productPass` with the `never_sold` probe) reads the catalog.
 */
export const SCAN_SOURCE: AuditSource = {
  customerGaps: async (ctx) => (await customerOrderScan(ctx)).customers,
  orderStats: async (ctx) => (await customerOrderScan(ctx)).orders,
  currencies: async (ctx) => (await customerOrderScan(ctx)).currencies,
  guestOrderSample: async (ctx) => (await customerOrderScan(ctx)).guest_sample,
  orphanedGuestOrders: async (ctx) => (await customerOrderScan(ctx)).orphaned,
  duplicateEmails: async (ctx) => (await customerOrderScan(ctx)).duplicates,
  emptyMonths: async (ctx) => (await customerOrderScan(ctx)).empty_months,
  lineStats: async (ctx) => (await lineScan(ctx)).lines,
  repurchaseProducts: async (ctx) => (await lineScan(ctx)).repurchase,
  productStats: (ctx) => ctx.memo("product_pass", () => productPass(ctx, SOLD_PROBE)),
}

/**
 * The scans, except that the line counts, repurchase cycles and `never_sold` come from the audit
 * read model (`order-line-summary.ts`: ~1 narrow row per order and per order and product instead
 * of the join of every order line) when it is current in the run's snapshot; else from the scans.
 * Same findings.
 */
export const READ_MODEL_SOURCE: AuditSource = {
  ...SCAN_SOURCE,
  lineStats: async (ctx) =>
    (await readModelCurrent(ctx)) ? (await readModelLineScan(ctx)).lines : SCAN_SOURCE.lineStats(ctx),
  repurchaseProducts: async (ctx) =>
    (await readModelCurrent(ctx)) ? (await readModelLineScan(ctx)).repurchase : SCAN_SOURCE.repurchaseProducts(ctx),
  productStats: async (ctx) =>
    (await readModelCurrent(ctx))
      ? ctx.memo("read_model_product_pass", () => productPass(ctx, READ_MODEL_SOLD_PROBE))
      : SCAN_SOURCE.productStats(ctx),
}

export const AUDIT_SOURCES = { read_model: READ_MODEL_SOURCE, scans: SCAN_SOURCE, previous: PREVIOUS_SOURCE }
