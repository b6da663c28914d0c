import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createAdminUser } from "../helpers/admin"
import { compileRules, sampleQuery, toKnexBindings } from "../../src/modules/segment/utils"
import { buildMetricQuery } from "../../src/modules/objective/utils/metric-sql"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import RecommendationModuleService from "../../src/modules/recommendation/service"
import { DATA_AUDIT_MODULE } from "../../src/modules/data_audit"
import DataAuditModuleService from "../../src/modules/data_audit/service"
import { startDataAudit } from "../../src/workflows/data-audit/start-data-audit"

jest.setTimeout(180 * 1000)

const DAY = 86400000

/**
 * One customer's orders, one of each kind that must or must not count. Counted (purchases):
 * `normal` (p1, 100) and `edited` (p6 at its current version, 60; p7 was removed by the edit).
 * Placed but canceled: `canceled` (status and date) and `canceled_at_only` (a date, status still
 * completed: imports and scripts write this). Not placed: `draft` (is_draft_order), `draft_status`.
 * A guest order with the customer's email (p8) counts for guest attribution only.
 */
async function plantOrders(container: MedusaContainer) {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const [customer] = await container
    .resolve(Modules.CUSTOMER)
    .createCustomers([{ email: "counted@order.test", has_account: true }])
  const orders = container.resolve(Modules.ORDER)
  const order = async (product: string | string[], unit_price: number, extra: Record<string, unknown> = {}) => {
    const [o] = await orders.createOrders([
      {
        currency_code: "gbp",
        customer_id: customer.id,
        email: customer.email,
        items: ([] as string[]).concat(product).map((p) => ({ title: p, product_id: p, quantity: 1, unit_price })),
        ...extra,
      },
    ] as any)
    await knex.raw(`update "order" set created_at = ? where id = ?`, [new Date(Date.now() - 10 * DAY), o.id])
    return o.id as string
  }
  const ids = {
    normal: await order("prod_p1", 100),
    canceled: await order("prod_p2", 200),
    canceled_at_only: await order("prod_p3", 300),
    draft: await order("prod_p4", 400),
    draft_status: await order("prod_p5", 500),
    edited: await order(["prod_p6", "prod_p7"], 60),
    guest: await order("prod_p8", 800, { customer_id: null }),
  }
  await knex.raw(`update "order" set status = 'canceled', canceled_at = now() where id = ?`, [ids.canceled])
  await knex.raw(`update "order" set canceled_at = now() where id = ?`, [ids.canceled_at_only])
  await knex.raw(`update "order" set is_draft_order = true where id = ?`, [ids.draft])
  await knex.raw(`update "order" set status = 'draft' where id = ?`, [ids.draft_status])
  // an order edit: version 2 keeps p6 and drops p7
  const columns: string[] = (
    await knex.raw(
      `select column_name from information_schema.columns
        where table_name = 'order_item' and table_schema = current_schema() order by ordinal_position`
    )
  ).rows.map((r: { column_name: string }) => r.column_name)
  const copied = columns.map((c) => (c === "id" ? `oi.id || '_v2'` : c === "version" ? "2" : `oi.${c}`))
  await knex.raw(
    `insert into order_item (${columns.map((c) => `"${c}"`).join(", ")})
     select ${copied.join(", ")} from order_item oi join order_line_item li on li.id = oi.item_id
      where oi.order_id = ? and li.product_id = 'prod_p6'`,
    [ids.edited]
  )
  await knex.raw(`update "order" set version = 2 where id = ?`, [ids.edited])
  return { customer, ids }
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    it("segments, objectives, recommendations and the audit count the same orders (canceled, draft, guest, edited)", async () => {
      const container = getContainer()
      const admin = (await createAdminUser(container)).headers
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { customer } = await plantOrders(container)
      const rules = {
        type: "all",
        conditions: [
          { type: "condition", attribute: "order_count", operator: "gte", value: 0 },
          { type: "condition", attribute: "total_spent", operator: "gte", value: 0 },
          { type: "condition", attribute: "products_purchased", operator: "any", value: ["prod_p1", "prod_p6"] },
        ],
      }
      const counted = { orders: 2, revenue: 160, products: ["prod_p1", "prod_p6"] }

      // segments, through the read model (the API) and through the live compiler
      const preview = (
        await api.post("/admin/segments/preview", { rules, currency_code: "gbp", sample_size: 10 }, admin)
      ).data.preview
      const facts = Object.fromEntries(preview.samples[0].facts.map((f: any) => [f.attribute, f.value]))
      expect([preview.count, facts.order_count, facts.total_spent]).toEqual([1, counted.orders, counted.revenue])
      const live = compileRules(rules as any, { now: new Date(), currency: "gbp", readModel: false })
      const { sql, params } = toKnexBindings(sampleQuery(live, 10))
      const [row] = (await knex.raw(sql, params as any[])).rows
      expect([Number(row[live.leaves[0].column]), Number(row[live.leaves[1].column])]).toEqual([
        counted.orders,
        counted.revenue,
      ])
      // guest attribution adds the guest order, and only it
      const guest = (
        await api.post("/admin/segments/preview", { rules, currency_code: "gbp", include_guest_orders: true }, admin)
      ).data.preview
      expect(guest.samples[0].facts[0].value).toBe(counted.orders + 1)

      // objectives: average order value of this customer over all time (x = orders, y = revenue)
      const metric = buildMetricQuery({
        metric: "average_order_value",
        currency_code: "gbp",
        start: new Date(Date.now() - 365 * DAY),
        end: new Date(),
        customer_ids: [customer.id],
      })
      const [sums] = (await knex.raw(metric.sql, metric.bindings as any[])).rows
      expect([Number(sums.sum_x), Number(sums.sum_y)]).toEqual([counted.orders, counted.revenue])

      // recommendations: the purchase history is the counted orders' current lines
      const recommendations: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
      const history = await recommendations.getPurchaseHistory(customer.id)
      expect(history.map((h) => h.product_id).sort()).toEqual(counted.products)

      // the audit: 5 placed orders (drafts are not orders yet), 2 of them canceled
      await startDataAudit(container, { trigger: "api", wait: true, options: { check_ids: ["orders.canceled"] } })
      const audit: DataAuditModuleService = container.resolve(DATA_AUDIT_MODULE)
      const [finding] = await audit.listAuditFindings({ check_id: "orders.canceled" })
      expect([finding.affected, finding.total]).toEqual([2, 5])
    })
  },
})
