import { runSql } from "../../../utils/sql"
import { placedOrder } from "../../../utils/counted-order"
import type { MedusaSourceKey } from "../utils/sources"

/** One Medusa source as the tables say: records, newest record, and how many records fill each attribute. */
export type SourceCounts = {
  key: MedusaSourceKey
  records: number
  newest_record_at: Date | null
  filled: Record<string, number>
}

/**
 * Per source: the table, the column that dates a record, and each attribute's "filled" test
 * (bound-free SQL fragments over alias `t`). Orders use the one definition of a placed order.
 */
const SOURCE_SQL: Record<
  Exclude<MedusaSourceKey, "events">,
  { from: string; newest: string; attrs: Record<string, string> }
> = {
  customers: {
    from: `customer t where t.deleted_at is null`,
    newest: `t.updated_at`,
    attrs: {
      email: `coalesce(btrim(t.email), '') <> ''`,
      first_name: `coalesce(btrim(t.first_name), '') <> ''`,
      last_name: `coalesce(btrim(t.last_name), '') <> ''`,
      phone: `coalesce(btrim(t.phone), '') <> ''`,
      has_account: `t.has_account`,
      address: `exists (select 1 from customer_address a where a.customer_id = t.id and a.deleted_at is null)`,
    },
  },
  orders: {
    from: `"order" t where ${placedOrder("t")}`,
    newest: `t.created_at`,
    attrs: {
      customer_id: `t.customer_id is not null`,
      email: `coalesce(btrim(t.email), '') <> ''`,
      sales_channel_id: `t.sales_channel_id is not null`,
      shipping_address: `t.shipping_address_id is not null`,
    },
  },
  products: {
    from: `product t where t.deleted_at is null`,
    newest: `t.updated_at`,
    attrs: {
      description: `coalesce(btrim(t.description), '') <> ''`,
      thumbnail: `coalesce(btrim(t.thumbnail), '') <> ''`,
      collection_id: `t.collection_id is not null`,
      type_id: `t.type_id is not null`,
      category: `exists (select 1 from product_category_product c where c.product_id = t.id)`,
      tags: `exists (select 1 from product_tags g where g.product_id = t.id)`,
    },
  },
  categories: {
    from: `product_category t where t.deleted_at is null`,
    newest: `t.updated_at`,
    attrs: {
      description: `coalesce(btrim(t.description), '') <> ''`,
      parent_category_id: `t.parent_category_id is not null`,
      products: `exists (select 1 from product_category_product c where c.product_category_id = t.id)`,
    },
  },
  carts: {
    from: `cart t where t.deleted_at is null`,
    newest: `t.updated_at`,
    attrs: {
      customer_id: `t.customer_id is not null`,
      email: `coalesce(btrim(t.email), '') <> ''`,
      completed_at: `t.completed_at is not null`,
    },
  },
}

/** Counts of every detected core source: one aggregate query per table. */
export async function detectCoreSources(db: unknown): Promise<SourceCounts[]> {
  const out: SourceCounts[] = []
  for (const [key, def] of Object.entries(SOURCE_SQL) as [MedusaSourceKey, (typeof SOURCE_SQL)["orders"]][]) {
    const names = Object.keys(def.attrs)
    const [row] = await runSql(
      db,
      `select count(*) as records, max(${def.newest}) as newest,
        ${names.map((n) => `count(*) filter (where ${def.attrs[n]}) as "${n}"`).join(",\n        ")}
       from ${def.from}`
    )
    out.push({
      key,
      records: Number(row?.records ?? 0),
      newest_record_at: row?.newest ? new Date(row.newest as string) : null,
      filled: Object.fromEntries(names.map((n) => [n, Number(row?.[n] ?? 0)])),
    })
  }
  return out
}
