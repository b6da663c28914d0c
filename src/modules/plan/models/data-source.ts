import { model } from "@medusajs/framework/utils"

/**
 * An external system the merchant declares (POS, CRM, email tool, ERP): who owns it, what it holds
 * (Medusa source keys it would feed: `orders`, `customers`...), how and how often it syncs, and
 * whether it reaches Medusa at all. `last_synced_at` older than `sync_interval_hours` is stale.
 */
const DataSource = model.define("data_source", {
  id: model.id({ prefix: "dsrc" }).primaryKey(),
  name: model.text().searchable(),
  kind: model.enum(["pos", "crm", "email", "erp", "other"]).default("other"),
  owner: model.text().nullable(),
  description: model.text().nullable(),
  holds: model.json(),
  sync_method: model.enum(["none", "manual", "batch", "api", "webhook"]).default("none"),
  sync_interval_hours: model.number().nullable(),
  reaches_medusa: model.boolean().default(false),
  last_synced_at: model.dateTime().nullable(),
})

export default DataSource
