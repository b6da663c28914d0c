import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { updateStoresWorkflow } from "@medusajs/medusa/core-flows"
import { assignGroup } from "../../src/modules/objective/utils/holdout"

const DAY = 86400000

/**
 * 800 customers (created 60 days ago); 120 of them ordered once 30 days ago (history, total 40).
 * The baseline of a conversion objective over the 90 days before the last history order is
 * therefore exactly 120 / 800 = 0.15.
 */
export async function plantHistory(container: MedusaContainer, count = 800, buyers = 120) {
  await useStoreCurrency(container, "gbp")
  const customerModule = container.resolve(Modules.CUSTOMER)
  const orderModule = container.resolve(Modules.ORDER)
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const customers = await customerModule.createCustomers(
    Array.from({ length: count }, (_, i) => ({ email: `obj-${i}@fixture.test`, has_account: true }))
  )
  await knex.raw(`update customer set created_at = ? where id = any(?)`, [
    new Date(Date.now() - 60 * DAY),
    customers.map((c) => c.id),
  ])
  const history = await orderModule.createOrders(
    customers.slice(0, buyers).map((c) => ({
      currency_code: "gbp",
      customer_id: c.id,
      email: c.email,
      items: [{ title: "History item", quantity: 2, unit_price: 20 }],
    })) as any
  )
  const historyAt = new Date(Date.now() - 30 * DAY)
  await knex.raw(`update "order" set created_at = ? where id = any(?)`, [historyAt, history.map((o) => o.id)])
  return { customers, historyAt }
}

export type PlantedExperiment = {
  /** per objective id: the group of each customer, and what the metric should measure */
  expected: Record<
    string,
    {
      treatment: { n: number; successes?: number; revenue?: number; orders?: number }
      holdout: { n: number; successes?: number; revenue?: number; orders?: number }
    }
  >
}

/**
 * Orders placed during the experiment, with a known true effect:
 * - conversion objective `conv`: 60% of its treatment customers order, 40% of its holdout;
 * - AOV objective `aov`: its treatment customers' orders are worth 60 or 80 (two lines), its
 *   holdout's 50 or 60; every fifth buyer orders twice.
 * Plus noise that must be ignored: a canceled order and an EUR order, both huge.
 */
export async function plantExperimentOrders(
  container: MedusaContainer,
  customers: { id: string; email?: string | null }[],
  conv: { id: string; holdout_share: number },
  aov: { id: string; holdout_share: number }
) {
  const orderModule = container.resolve(Modules.ORDER)
  const counters = { treatment: 0, holdout: 0 }
  const orders: any[] = []
  const conversion = { treatment: { n: 0, successes: 0 }, holdout: { n: 0, successes: 0 } }
  const aovSums = { treatment: { n: 0, revenue: 0, orders: 0 }, holdout: { n: 0, revenue: 0, orders: 0 } }
  let buyerIndex = 0
  const buyers = new Set<string>()
  for (const c of customers) {
    const g1 = assignGroup(conv.id, c.id, conv.holdout_share)
    const k = counters[g1]++
    conversion[g1].n++
    const buys = g1 === "treatment" ? k % 10 < 6 : k % 10 < 4
    if (!buys) continue
    conversion[g1].successes++
    buyers.add(c.id)
    const g2 = assignGroup(aov.id, c.id, aov.holdout_share)
    const times = buyerIndex % 5 === 0 ? 2 : 1
    for (let t = 0; t < times; t++) {
      const high = (buyerIndex + t) % 2 === 0
      const total = g2 === "treatment" ? (high ? 80 : 60) : high ? 60 : 50
      // two lines: quantity 2 x (total / 4) and 1 x (total / 2)
      orders.push({
        currency_code: "gbp",
        customer_id: c.id,
        email: c.email,
        items: [
          { title: "Experiment A", quantity: 2, unit_price: total / 4 },
          { title: "Experiment B", quantity: 1, unit_price: total / 2 },
        ],
      })
      aovSums[g2].revenue += total
      aovSums[g2].orders++
    }
    aovSums[g2].n++
    buyerIndex++
  }
  const noiseCustomer = customers[0]
  const created = await orderModule.createOrders(orders as any)
  // The noise orders are created on their own: createOrders does not return orders in input order
  // (ids made in the same millisecond), so picking "the second to last" could cancel a real order.
  const [canceled] = await orderModule.createOrders([
    {
      currency_code: "gbp",
      customer_id: noiseCustomer.id,
      email: noiseCustomer.email,
      items: [{ title: "Canceled", quantity: 1, unit_price: 100000 }],
    },
  ] as any)
  await orderModule.cancel(canceled.id)
  await orderModule.createOrders([
    {
      currency_code: "eur",
      customer_id: noiseCustomer.id,
      email: noiseCustomer.email,
      items: [{ title: "Other currency", quantity: 1, unit_price: 100000 }],
    },
  ] as any)
  return { conversion, aov: aovSums, buyers, orderIds: created.map((o: any) => o.id) }
}

/** Makes `code` the store's default currency (objectives created without one use it), keeping the others. */
export async function useStoreCurrency(container: MedusaContainer, code: string) {
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"], take: 1 })
  const others = (store.supported_currencies ?? []).filter((c) => c.currency_code !== code)
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [
          { currency_code: code, is_default: true },
          ...others.map((c) => ({ currency_code: c.currency_code, is_default: false })),
        ],
      },
    },
  })
}
