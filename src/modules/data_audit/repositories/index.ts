import type { AuditSource } from "../checks/types"
import { productPass, SOLD_PROBE } from "../checks/shared"
import { customerOrderScan } from "./customer-order-scan"
import { lineScan } from "./line-scan"
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

export const AUDIT_SOURCES = { scans: SCAN_SOURCE, previous: PREVIOUS_SOURCE }
