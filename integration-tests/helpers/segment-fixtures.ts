import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateJwtToken, Modules } from "@medusajs/framework/utils"

const DAY = 86400000

/** Lines of one order: [quantity, unit_price][] */
type Lines = [number, number][]
type PlannedOrder = { lines: Lines; daysAgo: number; currency?: string; canceled?: boolean; guest?: boolean }

/**
 * Eight customers whose membership in "3+ orders in the last 90 days and AOV > 150"
 * (GBP) is computed by hand:
 * - alice: 3 orders in 90d, totals 200/180/160 -> AOV 180            -> member
 * - bob: 3 orders in 90d, 100/120/140 -> AOV 120                      -> not (AOV)
 * - carol: 2 orders in 90d + 2 at 200 days, all 300                   -> not (count in window = 2)
 * - dave: 3 orders of 160 + a canceled order of 10 (would be 122.5)   -> member (canceled ignored)
 * - erin: 3 orders of 400 in EUR                                      -> not (currency)
 * - frank: 2 orders of 200 + 1 guest order of 200 with his email      -> member only with guest attribution
 * - gina: 3 orders of two lines, 2 x 40 + 1 x 80 = 160                -> member (sum of quantity * unit_price)
 * - henry: no orders                                                  -> not (AOV missing)
 */
export const PLAN: Record<string, PlannedOrder[]> = {
  alice: [
    { lines: [[1, 200]], daysAgo: 10 },
    { lines: [[1, 180]], daysAgo: 20 },
    { lines: [[1, 160]], daysAgo: 30 },
  ],
  bob: [
    { lines: [[1, 100]], daysAgo: 5 },
    { lines: [[1, 120]], daysAgo: 15 },
    { lines: [[1, 140]], daysAgo: 25 },
  ],
  carol: [
    { lines: [[1, 300]], daysAgo: 10 },
    { lines: [[1, 300]], daysAgo: 40 },
    { lines: [[1, 300]], daysAgo: 200 },
    { lines: [[1, 300]], daysAgo: 210 },
  ],
  dave: [
    { lines: [[1, 160]], daysAgo: 3 },
    { lines: [[1, 160]], daysAgo: 33 },
    { lines: [[1, 160]], daysAgo: 63 },
    { lines: [[1, 10]], daysAgo: 2, canceled: true },
  ],
  erin: [
    { lines: [[1, 400]], daysAgo: 4, currency: "eur" },
    { lines: [[1, 400]], daysAgo: 14, currency: "eur" },
    { lines: [[1, 400]], daysAgo: 24, currency: "eur" },
  ],
  frank: [
    { lines: [[1, 200]], daysAgo: 7 },
    { lines: [[1, 200]], daysAgo: 17 },
    { lines: [[1, 200]], daysAgo: 27, guest: true },
  ],
  gina: [
    {
      lines: [
        [2, 40],
        [1, 80],
      ],
      daysAgo: 8,
    },
    {
      lines: [
        [2, 40],
        [1, 80],
      ],
      daysAgo: 18,
    },
    {
      lines: [
        [2, 40],
        [1, 80],
      ],
      daysAgo: 28,
    },
  ],
  henry: [],
}

export const AOV_RULES = {
  type: "all",
  conditions: [
    { type: "condition", attribute: "order_count", operator: "gte", value: 3, window_days: 90 },
    { type: "condition", attribute: "average_order_value", operator: "gt", value: 150 },
  ],
}

export type SegmentFixture = {
  customers: Record<string, { id: string; email: string }>
  orderIds: Record<string, string[]>
}

/** Creates the planned customers and orders through Medusa's customer and order modules. */
export async function plantSegmentFixture(container: MedusaContainer): Promise<SegmentFixture> {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const orderModule = container.resolve(Modules.ORDER)
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const names = Object.keys(PLAN)
  const created = await customerModule.createCustomers(
    names.map((n) => ({ email: `${n}@segment.test`, first_name: n, has_account: true }))
  )
  const customers: SegmentFixture["customers"] = {}
  created.forEach((c, i) => (customers[names[i]] = { id: c.id, email: c.email! }))
  const orderIds: Record<string, string[]> = {}
  for (const name of names) {
    orderIds[name] = []
    for (const o of PLAN[name]) {
      const [order] = await orderModule.createOrders([
        {
          currency_code: o.currency ?? "gbp",
          customer_id: o.guest ? undefined : customers[name].id,
          email: customers[name].email,
          items: o.lines.map(([quantity, unit_price], i) => ({ title: `Item ${i}`, quantity, unit_price })),
        },
      ] as any)
      await knex.raw(`update "order" set created_at = ? where id = ?`, [
        new Date(Date.now() - o.daysAgo * DAY),
        order.id,
      ])
      if (o.canceled) {
        await knex.raw(`update "order" set status = 'canceled', canceled_at = now() where id = ?`, [order.id])
      }
      orderIds[name].push(order.id)
    }
  }
  return { customers, orderIds }
}

/** Places one more GBP order for a customer, `daysAgo` days ago. */
export async function placeOrder(container: MedusaContainer, customer: { id: string; email: string }, lines: Lines) {
  const orderModule = container.resolve(Modules.ORDER)
  const [order] = await orderModule.createOrders([
    {
      currency_code: "gbp",
      customer_id: customer.id,
      email: customer.email,
      items: lines.map(([quantity, unit_price], i) => ({ title: `Item ${i}`, quantity, unit_price })),
    },
  ] as any)
  return order
}

/** Bearer headers for a customer (session-less store auth), plus a publishable key. */
export async function customerHeaders(container: MedusaContainer, customerId: string, publishableKey: string) {
  const authModule = container.resolve(Modules.AUTH)
  const identity = await authModule.createAuthIdentities({
    provider_identities: [
      { provider: "emailpass", entity_id: `${customerId}@auth.test`, provider_metadata: { password: "x" } },
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

export async function createPublishableKey(container: MedusaContainer): Promise<string> {
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const key = await apiKeyModule.createApiKeys({ title: "segment test", type: "publishable", created_by: "test" })
  return key.token
}
