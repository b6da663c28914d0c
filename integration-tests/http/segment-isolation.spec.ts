import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createAdminUser } from "../helpers/admin"
import { AOV_RULES, placeOrder, plantSegmentFixture, SegmentFixture } from "../helpers/segment-fixtures"
import segmentOrderHandler from "../../src/subscribers/segment-order"
import segmentCustomerHandler from "../../src/subscribers/segment-customer"
import segmentEvaluateJob from "../../src/jobs/segment-evaluate"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let fx: SegmentFixture
    let container: MedusaContainer
    const knex = () => container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any

    beforeEach(async () => {
      container = getContainer()
      admin = (await createAdminUser(container)).headers
      fx = await plantSegmentFixture(container)
    })

    const create = async (body: Record<string, unknown>) =>
      (await api.post("/admin/segments", { currency_code: "gbp", ...body }, admin)).data.segment
    const memberIds = async (id: string) =>
      (await api.get(`/admin/segments/${id}/members?limit=200`, admin)).data.members
        .map((m: any) => m.customer_id)
        .sort()
    const segment = async (id: string) => (await api.get(`/admin/segments/${id}`, admin)).data.segment

    /** An active segment saved before a validator change: its stored rules no longer compile. */
    async function plantBrokenSegment(priority: number) {
      const s = await create({
        name: `Broken ${priority}`,
        status: "active",
        priority,
        rules: { type: "condition", attribute: "order_count", operator: "gte", value: 1 },
      })
      await knex().raw(`update segment set rules = ?::jsonb where id = ?`, [
        JSON.stringify({ type: "condition", attribute: "first_order_date", operator: "gt", value: "0000-01-01" }),
        s.id,
      ])
      return s
    }

    it("an unevaluable segment is marked with its reason and never stops the others (order.placed, customer.updated, the job)", async () => {
      // the broken one comes first in precedence, so it would have stopped everything after it
      const broken = await plantBrokenSegment(100)
      const aov = await create({ name: "AOV", status: "active", rules: AOV_RULES })
      const tier = await create({
        name: "Gold tier",
        status: "active",
        rules: { type: "condition", attribute: "metadata", key: "tier", operator: "eq", value: "gold" },
      })
      // the hourly job evaluates them all, in precedence order, and goes on past the broken one
      await segmentEvaluateJob(container)
      expect(await memberIds(aov.id)).toEqual(
        [fx.customers.alice.id, fx.customers.dave.id, fx.customers.gina.id].sort()
      )
      expect((await segment(broken.id)).error_count).toBe(1)

      // bob's fourth order in the window lifts his AOV above 150: he enters on order.placed
      const order = await placeOrder(container, fx.customers.bob, [[1, 500]])
      await segmentOrderHandler({ event: { name: "order.placed", data: { id: order.id } }, container } as any)
      expect(await memberIds(aov.id)).toContain(fx.customers.bob.id)

      const marked = await segment(broken.id)
      expect(marked.last_error).toMatch(/rules\.value: must be between 1900-01-01 and 9999-12-31/)
      expect(marked.error_count).toBe(2)
      expect(marked.last_error_at).not.toBeNull()

      // customer.updated reaches the segments after the broken one too
      await container.resolve(Modules.CUSTOMER).updateCustomers(fx.customers.henry.id, { metadata: { tier: "gold" } })
      await segmentCustomerHandler({
        event: { name: "customer.updated", data: { id: fx.customers.henry.id } },
        container,
      } as any)
      expect(await memberIds(tier.id)).toEqual([fx.customers.henry.id])
      expect((await segment(broken.id)).error_count).toBeGreaterThan(marked.error_count)

      // the hourly job goes past it, and the list shows the error state
      await knex().raw(`update segment set last_evaluated_at = null where id = ?`, [aov.id])
      await segmentEvaluateJob(container)
      expect((await segment(aov.id)).last_evaluated_at).not.toBeNull()
      const listed = (await api.get(`/admin/segments?limit=100`, admin)).data.segments
      expect(listed.find((s: any) => s.id === broken.id).last_error).toMatch(/must be between/)
      expect(listed.find((s: any) => s.id === aov.id).last_error).toBeNull()

      // fixed rules: the next evaluation clears the error state and fills the membership
      await api.post(
        `/admin/segments/${broken.id}`,
        { rules: { type: "condition", attribute: "order_count", operator: "gte", value: 4 } },
        admin
      )
      await segmentEvaluateJob(container)
      const healed = await segment(broken.id)
      expect([healed.last_error, healed.error_count]).toEqual([null, 0])
      expect(await memberIds(broken.id)).toEqual([fx.customers.bob.id, fx.customers.carol.id].sort())
    })

    it("a failed evaluation keeps the previous membership and answers 400 naming the path", async () => {
      const s = await create({
        name: "Has orders",
        status: "active",
        rules: { type: "condition", attribute: "order_count", operator: "gte", value: 1 },
      })
      await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
      const before = await memberIds(s.id)
      expect(before.length).toBe(6)
      await knex().raw(`update segment set rules = ?::jsonb where id = ?`, [
        JSON.stringify({ type: "condition", attribute: "order_count", operator: "gte", value: "many" }),
        s.id,
      ])
      const res = await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin).catch((e) => e.response)
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/rules\.value: must be a number/)
      expect(await memberIds(s.id)).toEqual(before)
      expect((await segment(s.id)).last_error).toMatch(/must be a number/)
    })
  },
})
