import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, generateEntityId } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

/** One order to write, already resolved to ids (see importOrderLines). */
export type OrderRowsInput = {
  region_id: string
  sales_channel_id: string
  currency_code: string
  customer_id?: string
  email?: string
  status: "completed" | "canceled"
  created_at: Date
  canceled_at?: Date
  shipping_address: { country_code?: string; metadata?: Record<string, unknown> }
  metadata: Record<string, unknown>
  items: {
    title: string
    product_id: string
    variant_id?: string
    product_title: string
    product_handle: string
    variant_sku: string
    variant_title: string
    quantity: number
    unit_price: number
    metadata: Record<string, unknown>
  }[]
}

const raw = (value: BigNumberInput) => ({ value: MathBN.convert(value).toString(), precision: 20 })
const ZERO = raw(0)
const INSERT_CHUNK = 2000

/**
 * The order summary the order module computes for a new order without payments, credit
 * lines or shipping: every total equals the item total.
 */
export function orderSummaryTotals(items: { quantity: number; unit_price: number }[]) {
  const total = MathBN.sum(0, ...items.map((i) => MathBN.mult(i.unit_price, i.quantity)))
  const n = total.toNumber()
  const r = raw(total)
  return {
    paid_total: 0,
    raw_paid_total: ZERO,
    refunded_total: 0,
    raw_refunded_total: ZERO,
    accounting_total: n,
    raw_accounting_total: r,
    credit_line_total: 0,
    raw_credit_line_total: ZERO,
    transaction_total: 0,
    raw_transaction_total: ZERO,
    pending_difference: n,
    raw_pending_difference: r,
    current_order_total: n,
    raw_current_order_total: r,
    original_order_total: n,
    raw_original_order_total: r,
  }
}

/** The rows of each order table for a batch of orders, in insertion order. */
export type OrderTableRows = {
  order_address: Record<string, unknown>[]
  order: Record<string, unknown>[]
  order_summary: Record<string, unknown>[]
  order_line_item: Record<string, unknown>[]
  order_item: Record<string, unknown>[]
}

/** Tables in the order they are written. */
export const ORDER_TABLES = ["order_address", "order", "order_summary", "order_line_item", "order_item"] as const

/**
 * The rows `orderModule.createOrders` writes for these orders ("order", "order_address",
 * "order_summary", "order_line_item", "order_item" at version 1; checked against it in the
 * importer tests). Both writers below write exactly these rows.
 */
export function buildOrderTableRows(
  orders: OrderRowsInput[],
  newId: (prefix: string) => string = (prefix) => generateEntityId(undefined, prefix)
): OrderTableRows {
  const addresses: Record<string, unknown>[] = []
  const orderRows: Record<string, unknown>[] = []
  const summaries: Record<string, unknown>[] = []
  const lineItems: Record<string, unknown>[] = []
  const orderItems: Record<string, unknown>[] = []
  for (const o of orders) {
    const at = o.created_at
    const orderId = newId("order")
    const addressId = newId("ordaddr")
    addresses.push({
      id: addressId,
      country_code: o.shipping_address.country_code ?? null,
      metadata: o.shipping_address.metadata ?? null,
      created_at: at,
      updated_at: at,
    })
    orderRows.push({
      id: orderId,
      region_id: o.region_id,
      customer_id: o.customer_id ?? null,
      version: 1,
      sales_channel_id: o.sales_channel_id,
      status: o.status,
      is_draft_order: false,
      email: o.email ?? null,
      currency_code: o.currency_code,
      shipping_address_id: addressId,
      metadata: o.metadata,
      created_at: at,
      updated_at: at,
      canceled_at: o.canceled_at ?? null,
    })
    summaries.push({
      id: newId("ordsum"),
      order_id: orderId,
      version: 1,
      totals: orderSummaryTotals(o.items),
      created_at: at,
      updated_at: at,
    })
    for (const item of o.items) {
      const itemId = newId("ordli")
      lineItems.push({
        id: itemId,
        title: item.title,
        variant_id: item.variant_id ?? null,
        product_id: item.product_id,
        product_title: item.product_title,
        product_handle: item.product_handle,
        variant_sku: item.variant_sku,
        variant_title: item.variant_title,
        requires_shipping: true,
        is_discountable: true,
        is_tax_inclusive: false,
        is_custom_price: false,
        is_giftcard: false,
        unit_price: item.unit_price,
        raw_unit_price: raw(item.unit_price),
        metadata: item.metadata,
        created_at: at,
        updated_at: at,
      })
      orderItems.push({
        id: newId("orditem"),
        order_id: orderId,
        version: 1,
        item_id: itemId,
        quantity: item.quantity,
        raw_quantity: raw(item.quantity),
        fulfilled_quantity: 0,
        raw_fulfilled_quantity: ZERO,
        shipped_quantity: 0,
        raw_shipped_quantity: ZERO,
        delivered_quantity: 0,
        raw_delivered_quantity: ZERO,
        return_requested_quantity: 0,
        raw_return_requested_quantity: ZERO,
        return_received_quantity: 0,
        raw_return_received_quantity: ZERO,
        return_dismissed_quantity: 0,
        raw_return_dismissed_quantity: ZERO,
        written_off_quantity: 0,
        raw_written_off_quantity: ZERO,
        metadata: item.metadata,
        created_at: at,
        updated_at: at,
      })
    }
  }
  return {
    order_address: addresses,
    order: orderRows,
    order_summary: summaries,
    order_line_item: lineItems,
    order_item: orderItems,
  }
}

/**
 * The previous writer (kept for `--writer=previous` and the import bench): multi-row INSERTs
 * through knex, one transaction per call.
 *
 * Why not createOrders: measured on the UCI file it costs ~3 ms of CPU per line (MikroORM unit
 * of work for ~30 columns per line, cart-total decoration, then a re-read of every order with
 * seven relations), i.e. 30+ minutes for 541,909 lines. Historical orders also must not fire
 * order events (confirmation emails...). The default writer is `copyOrders` (order-copy-writer.ts).
 */
export async function insertOrders(container: MedusaContainer, orders: OrderRowsInput[]): Promise<string[]> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const rows = buildOrderTableRows(orders)
  await knex.transaction(async (trx) => {
    for (const table of ORDER_TABLES) {
      for (let i = 0; i < rows[table].length; i += INSERT_CHUNK) {
        await trx(table).insert(rows[table].slice(i, i + INSERT_CHUNK))
      }
    }
  })
  return rows.order.map((o) => o.id as string)
}
