import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createProductsWorkflow, createSalesChannelsWorkflow } from "@medusajs/medusa/core-flows"

const DAY = 86400000

/**
 * A small store with known, planted data gaps. EXPECTED lists every count the audit must find.
 * Products (live): full, bare, mug1, mug2, post, code ("gone" is sold, then deleted).
 * Customers: c1 alice, c2 bob (stale), c3 (no email), c4 ALICE (duplicate), c5 carol (guest record), c6 dave.
 * Orders: o1..o7 (o6 canceled, o5 in EUR without sales channel, o2 400 days old).
 */
export const EXPECTED = {
  "customers.missing_email": { affected: 1, total: 6 },
  "customers.missing_name": { affected: 2, total: 6 },
  "customers.missing_phone": { affected: 4, total: 6 },
  "customers.missing_address": { affected: 4, total: 6 },
  "customers.guest_orders": { affected: 4, total: 7 },
  "customers.orphaned_guest_history": { affected: 2, total: 4 },
  "customers.duplicate_email": { affected: 2, total: 4 },
  "customers.no_orders": { affected: 3, total: 6 },
  "customers.stale": { affected: 1, total: 3 },
  // c1, c2, c5: one counted order each (c1's second order is canceled)
  "customers.single_order": { affected: 3, total: 3 },
  "orders.canceled": { affected: 1, total: 7 },
  "orders.non_positive_price_lines": { affected: 2, total: 11 },
  "orders.missing_product_lines": { affected: 3, total: 11 },
  "orders.non_product_lines": { affected: 2, total: 11 },
  "orders.lines_without_description": { affected: 1, total: 11 },
  "orders.missing_sales_channel": { affected: 1, total: 7 },
  "orders.currency_mix": { affected: 1, total: 7 },
  "products.no_category": { affected: 4, total: 6 },
  "products.no_collection": { affected: 5, total: 6 },
  "products.no_tags": { affected: 5, total: 6 },
  "products.no_type": { affected: 5, total: 6 },
  "products.no_description": { affected: 3, total: 6 },
  "products.placeholder_title": { affected: 1, total: 6 },
  "products.no_images": { affected: 4, total: 6 },
  "products.no_price": { affected: 1, total: 6 },
  "products.duplicate_title": { affected: 2, total: 6 },
  "products.never_sold": { affected: 3, total: 6 },
  "products.unusable_by_strategies": { affected: 2, total: 6 },
  "products.repurchase_cycles": { affected: 0, total: 0 },
  "coverage.history_span": { affected: 0, total: 1 },
} as const

export type AuditFixtures = Awaited<ReturnType<typeof plantAuditFixtures>>

export async function plantAuditFixtures(container: MedusaContainer) {
  const productModule = container.resolve(Modules.PRODUCT)
  const customerModule = container.resolve(Modules.CUSTOMER)
  const orderModule = container.resolve(Modules.ORDER)
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)

  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Audit store" }] },
  })
  const [category] = await productModule.createProductCategories([{ name: "Lamps", is_active: true }])
  const [collection] = await productModule.createProductCollections([{ title: "Home" }])
  const [tag] = await productModule.createProductTags([{ value: "gift" }])
  const [type] = await productModule.createProductTypes([{ value: "decor" }])

  const variant = (sku: string, priced = true) => ({
    title: "Default",
    sku,
    options: { Size: "One" },
    prices: priced ? [{ amount: 10, currency_code: "gbp" }] : [],
  })
  const base = (title: string, handle: string, sku: string, priced = true) => ({
    title,
    handle,
    status: "published" as const,
    options: [{ title: "Size", values: ["One"] }],
    variants: [variant(sku, priced)],
    sales_channels: [{ id: channel.id }],
  })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          ...base("Full Lamp", "full-lamp", "FULL1"),
          description: "A lamp with everything filled in",
          thumbnail: "https://example.com/lamp.png",
          images: [{ url: "https://example.com/lamp.png" }],
          category_ids: [category.id],
          collection_id: collection.id,
          tag_ids: [tag.id],
          type_id: type.id,
        },
        base("Bare Vase", "bare-vase", "BARE1"),
        { ...base("Mug", "mug-1", "MUG1"), description: "A mug", category_ids: [category.id] },
        {
          ...base(" mug", "mug-2", "MUG2", false),
          description: "Another mug",
          thumbnail: "https://example.com/mug.png",
        },
        base("POSTAGE", "sc-post", "POST"),
        {
          ...base("85123X", "sc-85123x", "85123X"),
          status: "draft" as const,
          metadata: { missing_description: true },
        },
        base("Gone Candle", "gone-candle", "GONE1"),
      ],
    },
  })
  const p = Object.fromEntries(products.map((x) => [x.handle, x]))
  const line = (handle: string, quantity: number, unit_price: number) => ({
    title: p[handle].title,
    product_id: p[handle].id,
    variant_id: p[handle].variants[0].id,
    variant_sku: p[handle].variants[0].sku!,
    quantity,
    unit_price,
  })

  const customers = await customerModule.createCustomers([
    {
      email: "alice@x.test",
      first_name: "Alice",
      phone: "+44 1",
      has_account: true,
      addresses: [{ country_code: "gb", address_1: "1 High St" }],
    },
    { email: "bob@x.test", first_name: "Bob", has_account: true },
    {
      first_name: null as unknown as string,
      has_account: true,
      addresses: [{ country_code: "fr", address_1: "2 Rue" }],
    },
    { email: "ALICE@x.test", first_name: "", has_account: true },
    { email: "carol@x.test", first_name: "Carol", has_account: false },
    { email: "dave@x.test", first_name: "Dave", phone: "+44 6", has_account: true },
  ])
  const [c1, c2, , , c5] = customers

  const order = (o: Record<string, unknown>) => ({ currency_code: "gbp", sales_channel_id: channel.id, ...o })
  const inputs = [
    order({
      customer_id: c1.id,
      email: c1.email,
      items: [line("full-lamp", 2, 10), line("bare-vase", 1, 5), line("sc-post", 1, 3)],
    }),
    order({ customer_id: c2.id, email: c2.email, items: [line("full-lamp", 1, 10)] }),
    order({ customer_id: c5.id, email: c5.email, items: [line("bare-vase", 1, 0)] }),
    order({ email: "dave@x.test", items: [line("full-lamp", 1, 10), line("gone-candle", 1, 4)] }),
    order({
      email: "DAVE@x.test ",
      currency_code: "eur",
      sales_channel_id: null,
      items: [{ title: "Gift wrap", quantity: 1, unit_price: 2 }],
    }),
    // the source had no description for this line (as the importer flags it)
    order({
      customer_id: c1.id,
      email: c1.email,
      items: [{ ...line("mug-1", 1, 7), metadata: { missing_description: true } }],
    }),
    order({
      items: [
        { title: "Gift voucher", variant_sku: "gift_0001_10", quantity: 1, unit_price: 10 },
        line("full-lamp", 1, -1),
      ],
    }),
  ]
  // One call per order: createOrders does not return a batch in input order (ids made in the same
  // millisecond), and the tests name orders by position.
  const orders: any[] = []
  for (const input of inputs) {
    orders.push(...(await orderModule.createOrders([input] as any)))
  }
  await orderModule.cancel(orders[5].id)
  await knex.raw(`update "order" set created_at = ? where id = ?`, [new Date(Date.now() - 400 * DAY), orders[1].id])
  await productModule.softDeleteProducts([p["gone-candle"].id])

  return { channel, products: p, customers, orders, category }
}

/** Calendar months (UTC) from `from` to `to` inclusive. */
export function monthsBetween(from: Date, to: Date) {
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth() + 1
}
