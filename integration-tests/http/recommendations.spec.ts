import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import RecommendationModuleService from "../../src/modules/recommendation/service"
import { Modules } from "@medusajs/framework/utils"
import { AffinityCounting, rebuildAffinityTables } from "../../src/modules/recommendation/repositories/affinity"
import {
  affinityPassState,
  incrementalAffinityPass,
  recountOrderCustomer,
} from "../../src/modules/recommendation/repositories/customer-history"
import { createAdminUser } from "../helpers/admin"
import {
  placeOrder,
  plantRecommendationStore,
  recommendationCustomerHeaders,
  RecommendationFixture,
} from "../helpers/recommendation-fixtures"

jest.setTimeout(240 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let fx: RecommendationFixture
    let service: RecommendationModuleService
    let pk: { headers: Record<string, string> }
    let buyer: { headers: Record<string, string> }
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      const container = getContainer()
      fx = await plantRecommendationStore(container)
      service = container.resolve(RECOMMENDATION_MODULE)
      service.clearCache()
      await service.rebuildAffinity()
      pk = { headers: { "x-publishable-api-key": fx.publishableKey } }
      buyer = await recommendationCustomerHeaders(container, fx.customers.buyer.id, fx.publishableKey)
      admin = (await createAdminUser(container, `admin-${Date.now()}@rec.test`)).headers
    })

    const ids = (res: { data: { products: { id: string }[] } }) => res.data.products.map((p) => p.id)
    /** A placed order of the fixture's customer (no `order.placed` event: tests record it themselves). */
    const placeFor = (customer: string, items: { id: string; variantId: string }[]) =>
      placeOrder(getContainer(), {
        customerId: fx.customers[customer].id,
        email: fx.customers[customer].email,
        regionId: fx.regionId,
        channelId: fx.channelId,
        items,
      })
    const name = (fxIds: string[]) =>
      fxIds.map((id) => Object.entries(fx.products).find(([, p]) => p.id === id)?.[0] ?? id)

    describe("product_affinity", () => {
      /** Every row of product_affinity (weighted_count, a real summed in any order: to 6 decimals). */
      const affinityTable = async () =>
        (
          await getContainer()
            .resolve("__pg_connection__")
            .raw(
              `SELECT product_id, related_product_id, customer_count, later_count, weight,
                      round(weighted_count::numeric, 6) AS weighted_count FROM product_affinity
               WHERE deleted_at IS NULL ORDER BY product_id, related_product_id`
            )
        ).rows

      it("rebuild counts customers per pair from real orders, ignoring canceled ones", async () => {
        const { neighbors, item_counts } = await service.getNeighbors([fx.products.lamp.id, fx.products.plate.id])
        expect(item_counts.get(fx.products.lamp.id)).toBe(4)
        expect(
          Object.fromEntries((neighbors.get(fx.products.lamp.id) ?? []).map((n) => [name([n.product_id])[0], n.count]))
        ).toEqual({ shade: 3, bulb: 3, draft: 3, offshore: 3 })
        expect(neighbors.get(fx.products.plate.id)).toBeUndefined()
      })

      it("an order is counted once however often it is recorded, and matches a rebuild", async () => {
        const order = await placeFor("c4", [fx.products.plate, fx.products.mug])
        expect(await service.recordOrder(order.id)).toMatchObject({ processed: true, new_products: 1, pairs: 4 })
        expect(await service.recordOrder(order.id)).toEqual({ processed: false, new_products: 0, pairs: 0, rows: 0 })
        // c5 (vase and mug ten days ago) comes back for a plate too: two customers came back for it
        const second = await placeFor("c5", [fx.products.plate])
        expect(await service.recordOrder(second.id)).toMatchObject({ processed: true, new_products: 1, pairs: 4 })
        const after = await service.getNeighbors([fx.products.plate.id, fx.products.vase.id])
        expect(after.neighbors.get(fx.products.vase.id)?.find((n) => n.product_id === fx.products.plate.id)).toEqual({
          product_id: fx.products.plate.id,
          count: 2,
          later: 2,
          // c4 and c5 each bought vase, mug, then plate: each counts 1/3 (RP3beta's customer degree)
          weighted: expect.closeTo(2 / 3, 6),
        })
        // the plate came after the vase, never the other way round
        expect(after.neighbors.get(fx.products.plate.id)?.find((n) => n.product_id === fx.products.vase.id)).toEqual({
          product_id: fx.products.vase.id,
          count: 2,
          later: 0,
          weighted: expect.closeTo(2 / 3, 6),
        })
        // vase and mug: 1/2 from each customer before the plate, 1/3 each once they bought three products
        expect(
          after.neighbors.get(fx.products.vase.id)?.find((n) => n.product_id === fx.products.mug.id)?.weighted
        ).toBeCloseTo(2 / 3, 6)
        const snapshot = (r: typeof after) =>
          JSON.stringify(
            [...r.neighbors.entries()].sort().map(([k, v]) => [
              k,
              [...v]
                .sort((a, b) => (a.product_id < b.product_id ? -1 : 1))
                // a real column summed in another order: equal to 6 decimals
                .map((n) => ({ ...n, weighted: Number(n.weighted?.toFixed(6)) })),
            ])
          )
        await service.rebuildAffinity()
        const rebuilt = await service.getNeighbors([fx.products.plate.id, fx.products.vase.id])
        expect(after.item_counts.get(fx.products.plate.id)).toBe(2)
        expect(snapshot(after)).toEqual(snapshot(rebuilt))
      })

      it("a customer's orders recorded out of order (events queued, then redelivered) count as a rebuild does", async () => {
        const first = await placeFor("newcomer", [fx.products.vase, fx.products.plate])
        const second = await placeFor("newcomer", [fx.products.lamp, fx.products.plate])
        // the later order's event is handled first: both orders are already in the order tables, so
        // the customer's recount counts both (three products, six ordered pairs); the first order's
        // event then finds the history current
        expect(await service.recordOrder(second.id)).toMatchObject({ processed: true, new_products: 3, pairs: 6 })
        expect(await service.recordOrder(first.id)).toEqual({ processed: true, new_products: 0, pairs: 0, rows: 0 })
        const recorded = await affinityTable()
        await service.rebuildAffinity()
        expect(recorded).toEqual(await affinityTable())
      })

      it("two orders of one customer counted at once count as a rebuild does", async () => {
        const pg = getContainer().resolve("__pg_connection__")
        const first = await placeFor("newcomer", [fx.products.vase, fx.products.plate])
        const second = await placeFor("newcomer", [fx.products.lamp, fx.products.mug])
        // two workers handle both events together: held at their first statement, then let go at once
        const blocker = await pg.transaction()
        await blocker.raw(`LOCK TABLE recommendation_processed_order IN SHARE ROW EXCLUSIVE MODE`)
        const count = async (orderId: string) => {
          const trx = await pg.transaction()
          const result = await recountOrderCustomer(trx, orderId, service.settings.history_cap)
          await trx.commit()
          return result
        }
        const both = Promise.all([count(first.id), count(second.id)])
        await new Promise((r) => setTimeout(r, 300))
        await blocker.commit()
        // each recount sees both orders: one counts the customer's four products, the other then
        // finds the history current (without the per-customer lock both would add them)
        expect((await both).map((r) => r.new_products).sort()).toEqual([0, 4])
        const recorded = await affinityTable()
        await service.rebuildAffinity()
        expect(recorded).toEqual(await affinityTable())
      })

      it.each([50, 2])(
        "the nightly pass recounts only customers whose orders changed and leaves what a rebuild gives (cap %i)",
        async (cap) => {
          const container = getContainer()
          const pg = container.resolve("__pg_connection__")
          const orders = container.resolve(Modules.ORDER)
          const inTransaction = async <T>(
            isolationLevel: "read committed" | "repeatable read",
            work: (trx: unknown) => Promise<T>
          ) => {
            const trx = await pg.transaction({ isolationLevel })
            const result = await work(trx)
            await trx.commit()
            return result
          }
          const rebuild = () => inTransaction("repeatable read", (trx) => rebuildAffinityTables(trx, cap))
          const pass = async () => {
            const { last_at } = await affinityPassState(pg, cap)
            return await inTransaction("read committed", (trx) => incrementalAffinityPass(trx, cap, last_at!))
          }
          const orderOf = async (customer: string) =>
            (await pg.raw(`SELECT id FROM "order" WHERE customer_id = ?`, [fx.customers[customer].id])).rows[0].id
          // the fixture's orders as if placed and last changed long ago: only what changes below is new
          await pg.raw(
            `UPDATE "order" SET updated_at = created_at, canceled_at = CASE WHEN canceled_at IS NULL THEN NULL ELSE created_at END`
          )
          await rebuild()
          const rebuilt = await affinityTable()
          // no order events: only the nightly pass sees these
          await placeFor("newcomer", [fx.products.vase, fx.products.plate, fx.products.bulb])
          await placeFor("c4", [fx.products.plate, fx.products.lamp])
          // c2 buys a mug: with a cap of 2 its history keeps the mug and one of its five older products
          await placeFor("c2", [fx.products.mug])
          await orders.cancel(await orderOf("c5"))
          await orders.softDeleteOrders([await orderOf("c1")])
          expect(await affinityTable()).toEqual(rebuilt)

          const result = await pass()
          // newcomer, c4, c2, c5 (canceled) and c1 (deleted): nobody else
          expect(result).toMatchObject({ customers: 5, changed: 5 })
          const passed = await affinityTable()
          expect(passed).not.toEqual(rebuilt)
          await rebuild()
          expect(passed).toEqual(await affinityTable())

          // nothing changed since: the customers within the overlap are recounted, nothing is written
          expect(await pass()).toMatchObject({ customers: 5, changed: 0, rows: 0 })
          expect(await affinityTable()).toEqual(passed)
        }
      )

      it("the nightly job passes incrementally, and rebuilds in full when the histories are not tracked", async () => {
        const pg = getContainer().resolve("__pg_connection__")
        expect(await service.refreshAffinity()).toMatchObject({ kind: "incremental", orders: null })
        // the previous rebuild keeps no histories: the next nightly run must count everything again
        const trx = await pg.transaction({ isolationLevel: "repeatable read" })
        await rebuildAffinityTables(trx, service.settings.history_cap, "previous")
        await trx.commit()
        expect(await service.refreshAffinity()).toMatchObject({ kind: "full", pairs: expect.any(Number) })
        expect(await service.refreshAffinity()).toMatchObject({ kind: "incremental" })
      })

      it("the rebuild on product numbers counts what the previous one-statement rebuild counted", async () => {
        const pg = getContainer().resolve("__pg_connection__")
        // more history: c4 and c5 come back (a later purchase) and a newcomer buys three products
        await placeFor("c4", [fx.products.plate, fx.products.mug])
        await placeFor("c5", [fx.products.plate, fx.products.lamp])
        await placeFor("newcomer", [fx.products.vase, fx.products.plate, fx.products.bulb])
        const rebuild = async (cap: number, counting: AffinityCounting) => {
          const trx = await pg.transaction({ isolationLevel: "repeatable read" })
          const result = await rebuildAffinityTables(trx, cap, counting)
          await trx.commit()
          return { result, rows: await affinityTable() }
        }
        // 2 caps the histories of customers with more products (the most recent ones count)
        for (const cap of [50, 2]) {
          const previous = await rebuild(cap, "previous")
          const now = await rebuild(cap, "ordinal")
          expect(now.rows.length).toBeGreaterThan(10)
          expect(now).toEqual(previous)
        }
      })

      it("a rebuild swaps in a new table with exactly the live table's columns, indexes and constraints", async () => {
        const pg = getContainer().resolve("__pg_connection__")
        const schema = async () => {
          const columns = await pg.raw(
            `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
             WHERE table_name = 'product_affinity' ORDER BY ordinal_position`
          )
          const indexes = await pg.raw(
            `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'product_affinity' ORDER BY indexname`
          )
          const constraints = await pg.raw(
            `SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint
             WHERE conrelid = 'product_affinity'::regclass ORDER BY conname`
          )
          return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows }
        }
        const before = await schema()
        const oid = async () => (await pg.raw(`SELECT 'product_affinity'::regclass::oid AS oid`)).rows[0].oid
        const oldOid = await oid()
        const counts = await service.getNeighbors([fx.products.lamp.id])
        await service.rebuildAffinity()
        expect(await oid()).not.toEqual(oldOid)
        expect(await schema()).toEqual(before)
        expect(before.indexes.map((i: { indexname: string }) => i.indexname)).toEqual(
          expect.arrayContaining(["product_affinity_pkey", "IDX_product_affinity_neighbors"])
        )
        expect((await pg.raw(`SELECT to_regclass('product_affinity_next') AS t`)).rows[0].t).toBeNull()
        service.clearCache()
        expect(await service.getNeighbors([fx.products.lamp.id])).toEqual(counts)
      })

      it("an order recorded while a rebuild runs is counted once, after the swap", async () => {
        const container = getContainer()
        const pg = container.resolve("__pg_connection__")
        const order = await placeFor("c4", [fx.products.plate, fx.products.mug])
        // hold the rebuild's lock so the order event arrives mid-rebuild
        const blocker = await pg.transaction()
        await blocker.raw(`LOCK TABLE recommendation_processed_order IN SHARE ROW EXCLUSIVE MODE`)
        const rebuild = service.rebuildAffinity()
        await new Promise((r) => setTimeout(r, 300))
        const record = service.recordOrder(order.id)
        await new Promise((r) => setTimeout(r, 300))
        await blocker.commit()
        const [rebuilt, recorded] = await Promise.all([rebuild, record])
        // the rebuild got the lock first and counted the order; the late event finds it processed
        expect(recorded).toEqual({ processed: false, new_products: 0, pairs: 0, rows: 0 })
        expect(rebuilt.pairs).toBeGreaterThan(0)
        const count = async (a: string, b: string) =>
          (
            await pg.raw(
              `SELECT customer_count FROM product_affinity WHERE product_id = ? AND related_product_id = ? AND deleted_at IS NULL`,
              [a, b]
            )
          ).rows.map((r: { customer_count: number }) => r.customer_count)
        // c4's plate: one buyer of the plate (the canceled one counts for nothing), one plate-mug pair
        expect(await count(fx.products.plate.id, fx.products.plate.id)).toEqual([1])
        expect(await count(fx.products.plate.id, fx.products.mug.id)).toEqual([1])
        expect(await count(fx.products.mug.id, fx.products.vase.id)).toEqual([2])
      })
    })

    describe("GET /store/recommendations", () => {
      it("never returns what the customer bought, unpublished or other-channel products, and traces every item", async () => {
        const res = await api.get("/store/recommendations?placement=home&limit=10", buyer)
        expect(res.status).toBe(200)
        const got = name(ids(res))
        expect(got.slice(0, 2).sort()).toEqual(["bulb", "shade"])
        expect(got).not.toContain("lamp")
        expect(got).not.toContain("draft")
        expect(got).not.toContain("offshore")
        expect(new Set(got).size).toBe(got.length)
        expect(res.data.filters).toMatchObject({ unpublished: 1, wrong_sales_channel: 1, already_bought: 1 })
        expect(res.data.experiment).toEqual({ objective_id: null, group: null, personalized: true, groups: [] })
        expect(res.data.recommendation_id).toMatch(/^rec_/)
        const first = res.data.recommendations[0]
        expect(first.trace).toMatchObject({
          source: "co_purchase",
          fallback: false,
          rule_id: null,
          filters: { unpublished: 1, wrong_sales_channel: 1 },
        })
        expect(first.reasons[0]).toMatchObject({ type: "co_purchase", product_id: fx.products.lamp.id })
        const fallbacks = res.data.recommendations.filter((r: any) => r.trace.fallback)
        expect(fallbacks.every((r: any) => r.trace.source === "fallback_store")).toBe(true)
        expect(res.data.recommendations.map((r: any) => r.product_id)).toEqual(ids(res))
      })

      it("a product unpublished after it was ranked never reaches a logged-in customer", async () => {
        const before = await api.get("/store/recommendations?placement=home", buyer)
        const top = ids(before)[0]
        // candidate facts are cached for ranking; the listed products are re-checked fresh
        await (getContainer().resolve("product") as any).updateProducts(top, { status: "draft" })
        const after = await api.get("/store/recommendations?placement=home", buyer)
        expect(ids(after)).not.toContain(top)
        expect(ids(after).length).toBeGreaterThanOrEqual(Math.min(before.data.count, after.data.limit) - 1)
      })

      it("returns products in the shape and pricing of GET /store/products", async () => {
        const q = `region_id=${fx.regionId}&fields=*variants.calculated_price`
        const res = await api.get(`/store/recommendations?placement=product&product_id=${fx.products.lamp.id}&${q}`, pk)
        const core = await api.get(`/store/products?id[]=${fx.products.shade.id}&${q}`, pk)
        const ours = res.data.products.find((p: any) => p.id === fx.products.shade.id)
        expect(Object.keys(ours).sort()).toEqual(Object.keys(core.data.products[0]).sort())
        expect(ours.variants[0].calculated_price).toEqual(core.data.products[0].variants[0].calculated_price)
        expect(ours.variants[0].calculated_price.calculated_amount).toBe(10)
        const slim = await api.get(`/store/recommendations?placement=home&fields=id,title`, pk)
        expect(Object.keys(slim.data.products[0]).sort()).toEqual(["id", "title"])
      })

      it("anonymous visitors get no personal data: no history, no segments, fallbacks labeled", async () => {
        const res = await api.get("/store/recommendations?placement=home", pk)
        expect(res.status).toBe(200)
        expect(res.data.experiment).toEqual({ objective_id: null, group: null, personalized: false, groups: [] })
        expect(res.data.filters.already_bought).toBeUndefined()
        for (const r of res.data.recommendations) {
          expect(r.trace).toMatchObject({ source: "fallback_store", fallback: true, segment_ids: [] })
        }
        // the store's best seller is the lamp the buyer bought: anonymous sees it, the buyer does not
        expect(name(ids(res))[0]).toBe("lamp")
      })

      it("anonymous lists are cached, yet a rule change or an unpublished product shows at once", async () => {
        const first = await api.get("/store/recommendations?placement=home", pk)
        const again = await api.get("/store/recommendations?placement=home", pk)
        expect(ids(again)).toEqual(ids(first))
        expect(again.data.recommendation_id).not.toBe(first.data.recommendation_id)

        // unpublishing the best seller drops it from the cached list (hard filter re-checked)
        const productModule = getContainer().resolve("product") as any
        await productModule.updateProducts(fx.products.lamp.id, { status: "draft" })
        const unpublished = await api.get("/store/recommendations?placement=home", pk)
        expect(name(ids(unpublished))).not.toContain("lamp")
        await productModule.updateProducts(fx.products.lamp.id, { status: "published" })

        // an active rule applies to anonymous visitors on the next request
        const [objective] = await (getContainer().resolve("objective") as any).createObjectives([
          { name: "Vases", metric: "conversion_rate", status: "draft" },
        ])
        const rule = await api.post(
          "/admin/recommendations/rules",
          {
            name: "Pin vase",
            action: "pin",
            target_type: "product",
            target_id: fx.products.vase.id,
            status: "active",
            objective_id: objective.id,
          },
          admin
        )
        const pinned = await api.get("/store/recommendations?placement=home", pk)
        expect(name(ids(pinned))[0]).toBe("vase")
        await api.delete(`/admin/recommendations/rules/${rule.data.rule.id}`, admin)
        const unpinned = await api.get("/store/recommendations?placement=home", pk)
        expect(ids(unpinned)).toEqual(ids(first))
      })

      it("a rule or objective changed by another server instance shows on the next anonymous request", async () => {
        // another instance shares only the database: write there, bypassing this process's service
        const pg = getContainer().resolve("__pg_connection__")
        const first = await api.get("/store/recommendations?placement=home", pk)
        expect(name(ids(first))[0]).not.toBe("vase")
        const [objective] = await (getContainer().resolve("objective") as any).createObjectives([
          { name: "Vases elsewhere", metric: "conversion_rate", status: "draft" },
        ])
        await pg.raw(
          `INSERT INTO recommendation_rule (id, name, action, target_type, target_id, weight, status, version, objective_id)
           VALUES ('recrule_elsewhere', 'Pin vase elsewhere', 'pin', 'product', ?, 1, 'active', 1, ?)`,
          [fx.products.vase.id, objective.id]
        )
        const pinned = await api.get("/store/recommendations?placement=home", pk)
        expect(name(ids(pinned))[0]).toBe("vase")
        expect(pinned.data.recommendations[0].trace.rule_id).toBe("recrule_elsewhere")
        // a version bump alone (same row count) is seen too
        await pg.raw(
          `UPDATE recommendation_rule SET status = 'archived', version = version + 1 WHERE id = 'recrule_elsewhere'`
        )
        const paused = await api.get("/store/recommendations?placement=home", pk)
        expect(ids(paused)).toEqual(ids(first))
        await pg.raw(`DELETE FROM recommendation_rule WHERE id = 'recrule_elsewhere'`)
      })

      it("a product page recommends its co-purchases, never the product itself", async () => {
        const res = await api.get(`/store/recommendations?placement=product&product_id=${fx.products.vase.id}`, pk)
        const got = name(ids(res))
        expect(got[0]).toBe("mug")
        expect(res.data.recommendations[0].trace.source).toBe("co_purchase")
        expect(got).not.toContain("vase")
        expect(res.data.filters.anchor).toBe(1)
      })

      it("a cart placement never recommends what is in the cart", async () => {
        const cartModule = getContainer().resolve("cart") as any
        const cart = await cartModule.createCarts({
          currency_code: "gbp",
          region_id: fx.regionId,
          sales_channel_id: fx.channelId,
          items: [
            {
              title: "Lamp",
              product_id: fx.products.lamp.id,
              variant_id: fx.products.lamp.variantId,
              quantity: 1,
              unit_price: 10,
            },
          ],
        })
        const res = await api.get(`/store/recommendations?placement=cart&cart_id=${cart.id}`, pk)
        const got = name(ids(res))
        expect(got).not.toContain("lamp")
        expect(got.slice(0, 2).sort()).toEqual(["bulb", "shade"])
        expect(res.data.filters.in_cart).toBe(1)
        const missing = await api
          .get(`/store/recommendations?placement=cart&cart_id=cart_missing`, pk)
          .catch((e) => e.response)
        expect(missing.status).toBe(404)
      })

      it("holdout customers get the non-personalized list, marked as such", async () => {
        const knex = getContainer().resolve("__pg_connection__") as any
        await knex.raw(
          `INSERT INTO objective (id, name, metric, direction, holdout_share, status) VALUES ('obj_rec_test', 'Rec', 'average_order_value', 'increase', 1, 'active')`
        )
        service.clearCache()
        const res = await api.get("/store/recommendations?placement=home", buyer)
        expect(res.data.experiment).toEqual({
          objective_id: "obj_rec_test",
          group: "holdout",
          personalized: false,
          groups: [{ objective_id: "obj_rec_test", group: "holdout" }],
        })
        expect(name(ids(res))).not.toContain("lamp")
        expect(res.data.recommendations.every((r: any) => r.trace.fallback)).toBe(true)
        await knex.raw(`UPDATE objective SET holdout_share = 0 WHERE id = 'obj_rec_test'`)
        service.clearCache()
        const treated = await api.get("/store/recommendations?placement=home", buyer)
        expect(treated.data.experiment).toEqual({
          objective_id: "obj_rec_test",
          group: "treatment",
          personalized: true,
          groups: [{ objective_id: "obj_rec_test", group: "treatment" }],
        })
        expect(treated.data.recommendations[0].trace).toMatchObject({
          source: "co_purchase",
          objective_id: "obj_rec_test",
        })
      })

      it.each([
        ["", "placement"],
        ["placement=everywhere", "placement"],
        ["placement=product", "product_id"],
        ["placement=cart", "cart_id"],
        ["placement=home&limit=0", "limit"],
        ["placement=home&limit=abc", "limit"],
        ["placement=home&colour=red", "colour"],
      ])("400 naming the field for ?%s", async (qs, field) => {
        const res = await api.get(`/store/recommendations?${qs}`, pk).catch((e) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(field)
      })

      it("404 for a product outside the key's sales channel", async () => {
        const res = await api
          .get(`/store/recommendations?placement=product&product_id=${fx.products.offshore.id}`, pk)
          .catch((e) => e.response)
        expect(res.status).toBe(404)
      })
    })

    describe("rules", () => {
      it("admin CRUD versions rules, and an active exclude/pin changes the store list with a traced rule", async () => {
        // A draft objective: active rules must serve one, and a draft one assigns no holdout yet.
        const [objective] = await (getContainer().resolve("objective") as any).createObjectives([
          { name: "Plates AOV", metric: "average_order_value", status: "draft" },
        ])
        const created = await api.post(
          "/admin/recommendations/rules",
          {
            name: "Push plates",
            action: "pin",
            target_type: "product",
            target_id: fx.products.plate.id,
            status: "active",
            objective_id: objective.id,
          },
          admin
        )
        expect(created.status).toBe(201)
        expect(created.data.rule).toMatchObject({ version: 1, action: "pin" })
        const res = await api.get("/store/recommendations?placement=home", buyer)
        expect(name(ids(res))[0]).toBe("plate")
        expect(res.data.recommendations[0].trace).toMatchObject({ rule_id: created.data.rule.id, rule_version: 1 })

        const updated = await api.post(
          `/admin/recommendations/rules/${created.data.rule.id}`,
          { action: "exclude", target_id: fx.products.shade.id },
          admin
        )
        expect(updated.data.rule.version).toBe(2)
        const after = await api.get("/store/recommendations?placement=home", buyer)
        expect(name(ids(after))).not.toContain("shade")
        expect(after.data.filters.rule_exclude).toBe(1)

        const list = await api.get("/admin/recommendations/rules", admin)
        expect(list.data.count).toBe(1)
        await api.delete(`/admin/recommendations/rules/${created.data.rule.id}`, admin)
        expect((await api.get("/admin/recommendations/rules", admin)).data.count).toBe(0)
      })

      it("refuses an active rule that serves no objective, and logs rule changes with who made them", async () => {
        const refused = await api
          .post(
            "/admin/recommendations/rules",
            {
              name: "Orphan",
              action: "boost",
              target_type: "product",
              target_id: fx.products.plate.id,
              status: "active",
            },
            admin
          )
          .catch((e) => e.response)
        expect(refused.status).toBe(400)
        expect(refused.data.message).toContain("not linked to any objective")
        expect((await api.get("/admin/recommendations/rules", admin)).data.count).toBe(0)

        const draft = await api.post(
          "/admin/recommendations/rules",
          { name: "Draft", action: "boost", target_type: "product", target_id: fx.products.plate.id, status: "draft" },
          admin
        )
        const id = draft.data.rule.id
        const activate = await api
          .post(`/admin/recommendations/rules/${id}`, { status: "active" }, admin)
          .catch((e) => e.response)
        expect(activate.status).toBe(400)
        expect((await api.get(`/admin/recommendations/rules/${id}`, admin)).data.rule).toMatchObject({
          status: "draft",
          version: 1,
        })

        const [objective] = await (getContainer().resolve("objective") as any).createObjectives([
          { name: "Plates conversion", metric: "conversion_rate", status: "draft" },
        ])
        await api.post(`/admin/recommendations/rules/${id}`, { status: "active", objective_id: objective.id }, admin)
        await api.delete(`/admin/recommendations/rules/${id}`, admin)
        const log = await api.get(`/admin/decision-log?entity_type=recommendation_rule&entity_id=${id}`, admin)
        const actions = [...log.data.decisions]
          .sort((a: any, b: any) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
          .map((d: any) => [d.action, Boolean(d.actor_id)])
        expect(actions).toEqual([
          ["created", true],
          ["activated", true],
          ["deleted", true],
        ])
      })

      it("400 naming every bad reference", async () => {
        const res = await api
          .post(
            "/admin/recommendations/rules",
            {
              name: "x",
              action: "boost",
              target_type: "product",
              target_id: "prod_missing",
              segment_id: "seg_missing",
              objective_id: "obj_missing",
            },
            admin
          )
          .catch((e) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("target_id")
        expect(res.data.message).toContain("segment_id: segment seg_missing not found")
        expect(res.data.message).toContain("objective_id")
        const bad = await api
          .post(
            "/admin/recommendations/rules",
            { name: "x", action: "promote", target_type: "product", target_id: "p" },
            admin
          )
          .catch((e) => e.response)
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("action")
      })

      it("preview shows what a customer would see, with reasons", async () => {
        const res = await api.get(
          `/admin/recommendations/preview?customer_id=${fx.customers.buyer.id}&sales_channel_id=${fx.channelId}`,
          admin
        )
        expect(res.status).toBe(200)
        expect(res.data.preview.items[0].product.title).toMatch(/^Rec (shade|bulb)$/)
        expect(res.data.preview.items[0].reasons.length).toBeGreaterThan(0)
        const fbt = await api.get(`/admin/recommendations/frequently-bought/${fx.products.vase.id}`, admin)
        expect(fbt.data.items).toEqual([
          expect.objectContaining({
            product_id: fx.products.mug.id,
            customers: 2,
            product: expect.objectContaining({ title: "Rec mug" }),
          }),
        ])
      })
    })

    describe("events and personalized product list", () => {
      it("records impressions and clicks, 400 on a bad event", async () => {
        const served = await api.get("/store/recommendations?placement=home", buyer)
        const res = await api.post(
          "/store/recommendations/events",
          {
            type: "click",
            recommendation_id: served.data.recommendation_id,
            product_id: served.data.products[0].id,
            placement: "home",
          },
          buyer
        )
        expect(res.status).toBe(201)
        expect(res.data.event).toMatchObject({ type: "click", customer_id: fx.customers.buyer.id })
        const bad = await api
          .post("/store/recommendations/events", { type: "purchase", recommendation_id: "x", product_id: "p" }, pk)
          .catch((e) => e.response)
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("type")
      })

      it("?order=personalized keeps the core shape and count, puts affinity first and bought last", async () => {
        const core = await api.get("/store/products?limit=20", buyer)
        const res = await api.get("/store/products?limit=20&order=personalized", buyer)
        expect(res.status).toBe(200)
        expect(res.headers["x-personalized"]).toBe("true")
        expect(Object.keys(res.data).sort()).toEqual(Object.keys(core.data).sort())
        expect(res.data.count).toBe(core.data.count)
        expect([...ids(res)].sort()).toEqual([...ids(core)].sort())
        const got = name(ids(res))
        expect(got.slice(0, 2).sort()).toEqual(["bulb", "shade"])
        expect(got[got.length - 1]).toBe("lamp")
        const anon = await api.get("/store/products?limit=20&order=personalized", pk)
        expect(anon.headers["x-personalized"]).toBe("false")
        expect(ids(anon)).toEqual(ids(await api.get("/store/products?limit=20", pk)))
      })
    })
  },
})
