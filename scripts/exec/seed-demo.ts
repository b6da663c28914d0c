import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import fs from "fs"
import path from "path"
import { seedDemoStory } from "../seed/story"
import { ensureAdminUser } from "../seed/admin-user"
import importOrders from "./import-orders"

const KEY_TITLE = "Personalization demo storefront"

/**
 * `medusa exec ./scripts/exec/seed-demo.ts [history=<file.csv.gz>] [admin=<email>:<password>] [no-story]`
 * (positional: `medusa exec` rejects unknown --flags): imports the history file first when given
 * (as `npm run import` does), creates the admin login when given, makes the store usable from a
 * storefront (a default sales channel, a publishable API key linked to it), then seeds the demo's
 * story (scripts/seed/story.ts). One process for all of it: each `medusa exec` boots Medusa (~10 s).
 * Writes the key and the demo customer's login to .demo-data/demo.json. Idempotent.
 */
export default async function seedDemo({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const arg = (name: string) => (args ?? []).find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1)
  const history = arg("history")
  if (history) {
    await importOrders({ container, args: [history] } as ExecArgs)
  }
  const admin = arg("admin")
  if (admin) {
    const [email, ...rest] = admin.split(":")
    if (await ensureAdminUser(container, email, rest.join(":"))) logger.info(`Admin user ${email} created`)
  }
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const storeModule = container.resolve(Modules.STORE)
  const apiKeyModule = container.resolve(Modules.API_KEY)

  let [channel] = await salesChannelModule.listSalesChannels({ name: "Default Sales Channel" })
  if (!channel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
    })
    channel = result[0]
  }

  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  if (store && !store.default_sales_channel_id) {
    await updateStoresWorkflow(container).run({
      input: { selector: { id: store.id }, update: { default_sales_channel_id: channel.id } },
    })
  }

  let [key] = await apiKeyModule.listApiKeys({ title: KEY_TITLE, type: "publishable" })
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: KEY_TITLE, type: "publishable", created_by: "" }] },
    })
    key = result[0]
  }
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: key.id, add: [channel.id] },
  })

  // the storefront checks out with Medusa's default manual payment provider
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({ entity: "region", fields: ["id", "payment_providers.id"] })
  for (const region of regions as { id: string; payment_providers?: ({ id: string } | null)[] | null }[]) {
    const providers = (region.payment_providers ?? []).map((p) => p?.id).filter((id): id is string => !!id)
    if (!providers.includes("pp_system_default")) {
      await updateRegionsWorkflow(container).run({
        input: { selector: { id: region.id }, update: { payment_providers: [...providers, "pp_system_default"] } },
      })
    }
  }

  const story = (args ?? []).includes("no-story") ? null : await seedDemoStory(container)

  const out = process.env.DEMO_INFO_FILE || path.join(process.cwd(), ".demo-data", "demo.json")
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        publishable_key: key.token,
        sales_channel_id: channel.id,
        customer: story?.customer ? { email: story.customer.email, password: story.customer.password } : null,
        objective_id: story?.objective_id ?? null,
      },
      null,
      2
    )
  )
  logger.info(`Publishable API key: ${key.token}`)
}
