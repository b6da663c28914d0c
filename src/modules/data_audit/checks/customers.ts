import { countedOrder, placedOrder } from "../../../utils/counted-order"
import { REPEAT_CUSTOMERS_CHECK, REPEAT_CUSTOMERS_TITLE } from "../../../utils/quality-cause"
import { AuditCheck, blocks } from "./types"
import { CUSTOMER_FLAGS, customerGaps, lineStats, orderStats, sampleIds } from "./shared"
import { countMissingAny, CustomerGap } from "../utils/readiness"

const customerSample = (gap: CustomerGap) =>
  `select c.id from customer c where c.deleted_at is null and ${CUSTOMER_FLAGS[gap]} order by c.id`

/**
 * Sample query of the per-customer order checks: live customers (not deleted) whose orders `o`
 * matching `orders` satisfy `having`, by id.
 */
const customersWhoseOrders = (orders: string, having: string) =>
  `select o.customer_id as id from "order" o where ${orders}
   and o.customer_id is not null
   and exists (select 1 from customer c where c.id = o.customer_id and c.deleted_at is null)
   group by o.customer_id having ${having} order by o.customer_id`

function missingFieldCheck(
  gap: CustomerGap,
  id: string,
  title: string,
  measured: string,
  remediation: string,
  severity: AuditCheck["severity"],
  b: AuditCheck["blocks"]
): AuditCheck {
  return {
    id,
    title,
    area: "customers",
    entity: "customer",
    sample_entity: "customer",
    severity,
    measured,
    remediation,
    blocks: b,
    async run(ctx) {
      const h = await customerGaps(ctx)
      const affected = countMissingAny(h.rows, [gap])
      return { affected, total: h.total, sample_ids: await sampleIds(ctx, affected, customerSample(gap)) }
    },
  }
}

export const customerChecks: AuditCheck[] = [
  missingFieldCheck(
    "missing_email",
    "customers.missing_email",
    "Customers without an email",
    "Customers whose email is empty, out of all customers.",
    "Ask for an email at checkout and account creation; merge guest records that carry one.",
    "high",
    blocks(["email_domain"], ["repeat_purchase_rate", "customer_lifetime_value"], [])
  ),
  missingFieldCheck(
    "missing_name",
    "customers.missing_name",
    "Customers without a first name",
    "Customers whose first name is empty, out of all customers.",
    "Collect the first name at checkout; backfill it from the shipping address of their orders.",
    "low",
    blocks(["first_name"], [], [])
  ),
  missingFieldCheck(
    "missing_phone",
    "customers.missing_phone",
    "Customers without a phone number",
    "Customers whose phone is empty, out of all customers.",
    "Collect a phone number (optional field) where SMS or call-centre personalization is planned.",
    "info",
    blocks(["phone"], [], [])
  ),
  missingFieldCheck(
    "missing_address",
    "customers.missing_address",
    "Customers without an address",
    "Customers with no saved address (customer_address), out of all customers.",
    "Save the shipping address to the customer on order completion.",
    "medium",
    blocks(["address_country"], [], [])
  ),
  {
    id: "customers.guest_orders",
    title: "Guest orders (no customer account)",
    area: "customers",
    entity: "order",
    sample_entity: "order",
    severity: "high",
    measured:
      "Orders with no customer or whose customer has no account (has_account = false), out of all orders; revenue of non-canceled guest orders per currency.",
    remediation:
      "Offer account creation after checkout and link past guest orders by email; guests cannot be segmented by history.",
    blocks: blocks(
      ["order_count", "total_spent", "average_order_value", "last_order_date", "categories_purchased"],
      ["repeat_purchase_rate", "revenue_per_customer", "customer_lifetime_value"],
      ["co_purchase", "fallback_segment"]
    ),
    async run(ctx) {
      const [o, l] = await Promise.all([orderStats(ctx), lineStats(ctx)])
      const revenue: Record<string, { guest: number; total: number; share: number }> = {}
      for (const [cur, r] of Object.entries(l.revenue)) {
        revenue[cur] = { guest: round2(r.guest), total: round2(r.total), share: r.total ? r.guest / r.total : 0 }
      }
      return {
        affected: o.guest,
        total: o.total,
        sample_ids: await ctx.source.guestOrderSample(ctx),
        details: { revenue },
      }
    },
  },
  {
    id: "customers.orphaned_guest_history",
    title: "Guest orders whose email matches a registered customer",
    area: "customers",
    entity: "order",
    sample_entity: "order",
    severity: "medium",
    measured:
      "Guest orders whose lower-cased, trimmed email equals a registered customer's (has_account = true), out of all guest orders; also how many customers they belong to.",
    remediation:
      "Attach these orders to the matching customer (Medusa's order transfer, or a one-off backfill): their history is invisible to segments.",
    blocks: blocks(
      ["order_count", "total_spent", "last_order_date", "categories_purchased"],
      ["repeat_purchase_rate", "customer_lifetime_value"],
      ["co_purchase"]
    ),
    async run(ctx) {
      const [o, orphaned] = await Promise.all([orderStats(ctx), ctx.source.orphanedGuestOrders(ctx)])
      return {
        affected: orphaned.affected,
        total: o.guest,
        sample_ids: orphaned.sample_ids,
        details: { customers: orphaned.customers },
      }
    },
  },
  {
    id: "customers.duplicate_email",
    title: "Duplicate customer accounts (same normalized email)",
    area: "customers",
    entity: "customer",
    sample_entity: "customer",
    severity: "medium",
    measured:
      "Registered customers (has_account = true) whose lower-cased, trimmed email is shared with another registered customer, out of registered customers with an email.",
    remediation: "Merge the duplicates and normalize emails (trim, lower-case) on write.",
    blocks: blocks(
      ["order_count", "total_spent", "last_order_date"],
      ["repeat_purchase_rate", "customer_lifetime_value"],
      []
    ),
    async run(ctx) {
      return await ctx.source.duplicateEmails(ctx)
    },
  },
  missingFieldCheck(
    "no_orders",
    "customers.no_orders",
    "Customers with no orders",
    "Customers with no live order (customer_id), out of all customers.",
    "Nothing to fix in the data: target them with onboarding, not with history-based segments.",
    "info",
    blocks(["average_order_value", "last_order_date", "categories_purchased"], [], ["co_purchase"])
  ),
  {
    id: "customers.stale",
    title: "Stale customers (no order in N days)",
    area: "customers",
    entity: "customer",
    sample_entity: "customer",
    severity: "low",
    measured:
      "Customers with orders whose latest order is older than the stale window (default 365 days), out of customers with orders.",
    remediation: "Win-back campaigns; exclude them from recency-based segments or widen the window.",
    blocks: blocks(["last_order_date", "days_since_last_order"], ["repeat_purchase_rate"], []),
    async run(ctx) {
      const h = await customerGaps(ctx)
      const staleBefore = new Date(ctx.options.now.getTime() - ctx.options.stale_days * 86400000)
      return {
        affected: h.stale,
        total: h.with_orders,
        sample_ids: await sampleIds(ctx, h.stale, customersWhoseOrders(placedOrder("o"), "max(o.created_at) < ?"), [
          staleBefore,
        ]),
        details: { stale_days: ctx.options.stale_days },
      }
    },
  },
  {
    id: REPEAT_CUSTOMERS_CHECK,
    title: REPEAT_CUSTOMERS_TITLE,
    area: "customers",
    entity: "customer",
    sample_entity: "customer",
    severity: "info",
    measured:
      "Customers with exactly one counted order (placed, not canceled), out of customers with at least one. Recommendations learn from customers who come back: the store's validation scores models on customers who bought both before and during its last weeks, and co-purchase counts grow with each return.",
    remediation:
      "Nothing to fix in the data: while most customers buy once, best sellers are the honest recommendation (the Quality panel says so). Bring customers back (accounts, reminders, re-buy windows) and the co-purchase models get evidence.",
    blocks: blocks([], ["repeat_purchase_rate"], ["co_purchase"]),
    async run(ctx) {
      const h = await customerGaps(ctx)
      return {
        affected: h.single_order,
        total: h.with_counted_orders,
        sample_ids: await sampleIds(ctx, h.single_order, customersWhoseOrders(countedOrder("o"), "count(*) = 1")),
      }
    },
  },
]

function round2(n: number) {
  return Math.round(n * 100) / 100
}
