import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateJwtToken, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"

const DAY = 86400000

export type RecommendationFixture = {
  publishableKey: string
  regionId: string
  channelId: string
  otherChannelId: string
  products: Record<string, { id: string; variantId: string }>
  customers: Record<string, { id: string; email: string }>
}

/**
 * A small store whose co-purchase counts are known by hand.
 * Products (GBP prices) in the key's channel: lamp, shade, bulb, vase, mug, plate; plus `draft`
 * (unpublished, same channel) and `offshore` (published, only in another channel).
 * Orders (customers who bought):
 *  - c1, c2, c3: lamp + shade + bulb + draft + offshore (so shade, bulb, draft, offshore are lamp's neighbours, count 3)
 *  - c4: vase + mug          - c5: vase + mug            (vase-mug count 2)
 *  - c6: plate (canceled order: must count for nothing)
 *  - buyer: lamp (30 days ago)
 * Popularity (customers): lamp 4, shade/bulb/draft/offshore 3, vase/mug 2, plate 0.
 */
export async function plantRecommendationStore(container: MedusaContainer): Promise<RecommendationFixture> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { result: channels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Web" }, { name: "Wholesale" }] },
  })
  const [web, wholesale] = channels
  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "recommendation test", type: "publishable", created_by: "test" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [web.id] } })
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "UK", currency_code: "gbp", countries: ["gb"] }] },
  })
  const names = ["lamp", "shade", "bulb", "vase", "mug", "plate", "draft", "offshore"]
  const { result: created } = await createProductsWorkflow(container).run({
    input: {
      products: names.map((name) => ({
        title: `Rec ${name}`,
        handle: `rec-${name}`,
        status: name === "draft" ? "draft" : "published",
        sales_channels: [{ id: name === "offshore" ? wholesale.id : web.id }],
        options: [{ title: "Size", values: ["One"] }],
        variants: [
          {
            title: "One",
            sku: `REC-${name.toUpperCase()}`,
            options: { Size: "One" },
            manage_inventory: false,
            prices: [{ amount: 10, currency_code: "gbp" }],
          },
        ],
      })) as any,
    },
  })
  const products: RecommendationFixture["products"] = {}
  for (const p of created) {
    products[p.handle!.replace("rec-", "")] = { id: p.id, variantId: p.variants[0].id }
  }

  const customerModule = container.resolve(Modules.CUSTOMER)
  const customerNames = ["c1", "c2", "c3", "c4", "c5", "c6", "buyer", "newcomer"]
  const createdCustomers = await customerModule.createCustomers(
    customerNames.map((n) => ({ email: `${n}@rec.test`, first_name: n, has_account: true }))
  )
  const customers: RecommendationFixture["customers"] = {}
  createdCustomers.forEach((c, i) => (customers[customerNames[i]] = { id: c.id, email: c.email! }))

  const plan: [string, string[], number, boolean?][] = [
    ["c1", ["lamp", "shade", "bulb", "draft", "offshore"], 60],
    ["c2", ["lamp", "shade", "bulb", "draft", "offshore"], 50],
    ["c3", ["lamp", "shade", "bulb", "draft", "offshore"], 40],
    ["c4", ["vase", "mug"], 20],
    ["c5", ["vase", "mug"], 10],
    ["c6", ["plate"], 5, true],
    ["buyer", ["lamp"], 30],
  ]
  for (const [who, items, daysAgo, canceled] of plan) {
    const order = await placeOrder(container, {
      customerId: customers[who].id,
      email: customers[who].email,
      regionId: regions[0].id,
      channelId: web.id,
      items: items.map((n) => products[n]),
    })
    await knex.raw(`UPDATE "order" SET created_at = ? WHERE id = ?`, [new Date(Date.now() - daysAgo * DAY), order.id])
    if (canceled) {
      await container.resolve(Modules.ORDER).cancel(order.id)
    }
  }
  return {
    publishableKey: keys[0].token,
    regionId: regions[0].id,
    channelId: web.id,
    otherChannelId: wholesale.id,
    products,
    customers,
  }
}

/** `count` published one-variant products (5 GBP) in the fixture's web channel: title `${title} ${i}`, handle `${handle}-${i}`. */
export async function createPlainProducts(
  container: MedusaContainer,
  fx: RecommendationFixture,
  title: string,
  handle: string,
  count: number
): Promise<{ id: string; variantId: string }[]> {
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: Array.from({ length: count }, (_, i) => ({
        title: `${title} ${i}`,
        handle: `${handle}-${i}`,
        status: "published",
        sales_channels: [{ id: fx.channelId }],
        options: [{ title: "Size", values: ["One"] }],
        variants: [
          {
            title: "One",
            options: { Size: "One" },
            manage_inventory: false,
            prices: [{ amount: 5, currency_code: "gbp" }],
          },
        ],
      })) as any,
    },
  })
  return result.map((p) => ({ id: p.id, variantId: p.variants[0].id }))
}

/** Creates an order through the order module (as an imported or placed order is stored). */
export async function placeOrder(
  container: MedusaContainer,
  input: {
    customerId: string
    email: string
    regionId: string
    channelId: string
    items: { id: string; variantId: string }[]
  }
): Promise<{ id: string }> {
  const orderModule = container.resolve(Modules.ORDER)
  const [order] = await orderModule.createOrders([
    {
      currency_code: "gbp",
      region_id: input.regionId,
      sales_channel_id: input.channelId,
      customer_id: input.customerId,
      email: input.email,
      items: input.items.map((p) => ({
        title: "Rec item",
        product_id: p.id,
        variant_id: p.variantId,
        quantity: 1,
        unit_price: 10,
      })),
    },
  ] as any)
  return order
}

/** Bearer headers for a customer, plus the publishable key. */
export async function recommendationCustomerHeaders(
  container: MedusaContainer,
  customerId: string,
  publishableKey: string
) {
  const authModule = container.resolve(Modules.AUTH)
  const identity = await authModule.createAuthIdentities({
    provider_identities: [
      { provider: "emailpass", entity_id: `${customerId}@rec-auth.test`, provider_metadata: { password: "x" } },
    ],
    app_metadata: { customer_id: customerId },
  })
  const config = container.resolve("configModule") as { projectConfig: { http: { jwtSecret?: string } } }
  const token = generateJwtToken(
    {
      actor_id: customerId,
      actor_type: "customer",
      auth_identity_id: identity.id,
      app_metadata: { customer_id: customerId },
    },
    { secret: config.projectConfig.http.jwtSecret ?? "supersecret", expiresIn: "1d" }
  )
  return { headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": publishableKey } }
}

/**
 * Orders of made-up customers in the fixture's region and channel (one product list each, price 10,
 * quantity 1), all dated `daysAgo` days before now.
 */
export async function plantDatedOrders(
  container: MedusaContainer,
  fx: Pick<RecommendationFixture, "regionId" | "channelId">,
  daysAgo: number,
  orders: { customer: string; items: { id: string; variantId: string }[] }[]
): Promise<void> {
  const created = await container.resolve(Modules.ORDER).createOrders(
    orders.map((o) => ({
      currency_code: "gbp",
      region_id: fx.regionId,
      sales_channel_id: fx.channelId,
      customer_id: o.customer,
      email: `${o.customer}@orders.test`,
      items: o.items.map((p) => ({
        title: "item",
        product_id: p.id,
        variant_id: p.variantId,
        quantity: 1,
        unit_price: 10,
      })),
    })) as any
  )
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await knex.raw(`UPDATE "order" SET created_at = ? WHERE id = ANY(?)`, [
    new Date(Date.now() - daysAgo * DAY),
    created.map((o) => o.id),
  ])
}
