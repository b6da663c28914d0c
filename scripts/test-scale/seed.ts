import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateJwtToken, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import fs from "fs"

export const SCALE_PRODUCTS = ["lamp", "shade", "bulb", "vase", "mug", "plate"]

/**
 * The least a store needs for a real store-API checkout, made with Medusa's workflows (as
 * Medusa's starter seed does): a GBP region paying with `pp_system_default`, a sales channel
 * and its publishable key, a stock location with a manual-fulfillment shipping option for GB,
 * published products with prices (no inventory), and an admin user with a bearer token.
 * `npm run test:scale` runs it once on its fresh database and reads what it made from
 * SCALE_SEED_OUT.
 */
export default async function seedScale({ container }: ExecArgs) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)

  const { result: channels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Scale web" }] },
  })
  const channel = channels[0]
  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Scale storefront", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [channel.id] } })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [{ name: "UK", currency_code: "gbp", countries: ["gb"], payment_providers: ["pp_system_default"] }],
    },
  })
  const region = regions[0]
  await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "gb", provider_id: "tp_system" }] })

  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [{ name: "Scale warehouse", address: { city: "London", country_code: "GB", address_1: "1 Test St" } }],
    },
  })
  const location = locations[0]
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  let [profile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    profile = result[0]
  }
  const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
    name: "Scale delivery",
    type: "shipping",
    service_zones: [{ name: "UK", geo_zones: [{ country_code: "gb", type: "country" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "2-3 days", code: "standard" },
        prices: [
          { currency_code: "gbp", amount: 5 },
          { region_id: region.id, amount: 5 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channel.id] } })

  const { result: created } = await createProductsWorkflow(container).run({
    input: {
      products: SCALE_PRODUCTS.map((name) => ({
        title: `Scale ${name}`,
        handle: `scale-${name}`,
        status: "published" as const,
        shipping_profile_id: profile.id,
        sales_channels: [{ id: channel.id }],
        options: [{ title: "Size", values: ["One"] }],
        variants: [
          {
            title: "One",
            sku: `SCALE-${name.toUpperCase()}`,
            options: { Size: "One" },
            manage_inventory: false,
            prices: [{ amount: 20, currency_code: "gbp" }],
          },
        ],
      })),
    },
  })
  const products: Record<string, { id: string; variant_id: string }> = {}
  for (const p of created) {
    products[p.handle.replace("scale-", "")] = { id: p.id, variant_id: p.variants[0].id }
  }

  // An admin identity and a bearer token, as Medusa's own integration-test helper makes them.
  const email = "admin@scale.test"
  const user = await container.resolve(Modules.USER).createUsers({ email, first_name: "Scale", last_name: "Admin" })
  const identity = await container.resolve(Modules.AUTH).createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email, provider_metadata: { password: "supersecret" } }],
    app_metadata: { user_id: user.id },
  })
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const adminToken = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: identity.id, app_metadata: { user_id: user.id } },
    { secret: config.projectConfig.http.jwtSecret ?? "supersecret", expiresIn: "1d" }
  )

  const out = process.env.SCALE_SEED_OUT
  const seed = {
    publishable_key: keys[0].token,
    region_id: region.id,
    sales_channel_id: channel.id,
    products,
    admin_token: adminToken,
  }
  if (out) {
    fs.writeFileSync(out, JSON.stringify(seed, null, 2))
  }
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(`scale seed: ${created.length} products, region ${region.id}`)
}
