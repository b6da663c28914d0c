import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createAdminUser } from "../helpers/admin"
import { AOV_RULES, placeOrder, plantSegmentFixture, SegmentFixture } from "../helpers/segment-fixtures"
import { useStoreCurrency } from "../helpers/objective-fixtures"
import {
  plantRecommendationStore,
  recommendationCustomerHeaders,
  RecommendationFixture,
} from "../helpers/recommendation-fixtures"
import { oddString, perturbed } from "../helpers/arbitraries"
import segmentOrderHandler from "../../src/subscribers/segment-order"
import segmentEvaluateJob from "../../src/jobs/segment-evaluate"
import { SEGMENT_MODULE, SegmentEvents, SegmentMembershipEventData } from "../../src/modules/segment"
import SegmentModuleService from "../../src/modules/segment/service"
import { MANAGED_GROUP_METADATA_KEY } from "../../src/types/segment-group-sync"
import { createStep, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { validateGroupSyncStep } from "../../src/workflows/segment/steps/validate-group-sync"
import { ensureManagedGroupStep } from "../../src/workflows/segment/steps/ensure-managed-group"
import { saveGroupSyncStep } from "../../src/workflows/segment/steps/save-group-sync"
import { syncSegmentGroupsStep } from "../../src/workflows/segment/steps/sync-segment-groups"
import { releaseManagedGroupStep } from "../../src/workflows/segment/steps/release-managed-group"

jest.setTimeout(10 * 60 * 1000)

const failStep = createStep("test-group-sync-fail", async () => {
  throw new Error("a later step failed")
})

/** The enable workflow's writing steps, then a failure: every one of them must be undone. */
const enableThenFail = createWorkflow("test-group-sync-enable-then-fail", (segmentId: string) => {
  const validated = validateGroupSyncStep(
    transform({ segmentId }, ({ segmentId }) => ({ segment_id: segmentId, enabled: true as const }))
  )
  const groupId = ensureManagedGroupStep(validated)
  saveGroupSyncStep(
    transform({ segmentId, groupId }, ({ segmentId, groupId }) => ({
      segment_id: segmentId,
      fields: { enabled: true, customer_group_id: groupId, status: "pending" as const },
    }))
  )
  syncSegmentGroupsStep(transform({ segmentId }, ({ segmentId }) => ({ segment_ids: [segmentId] })))
  failStep()
  return new WorkflowResponse(groupId)
})

/** The disable workflow's writing steps, then a failure. */
const disableThenFail = createWorkflow(
  "test-group-sync-disable-then-fail",
  (input: { segment_id: string; customer_group_id: string; on_disable: "keep" | "delete" }) => {
    releaseManagedGroupStep(input)
    saveGroupSyncStep(
      transform({ input }, ({ input }) => ({
        segment_id: input.segment_id,
        fields: { enabled: false, status: "disabled" as const, customer_group_id: null },
      }))
    )
    failStep()
    return new WorkflowResponse(true)
  }
)

const any = { validateStatus: () => true }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Captured = { name: string; data: SegmentMembershipEventData }

/** Records this plugin's membership events as Medusa's event bus delivers them. */
function captureMembershipEvents(container: MedusaContainer) {
  const seen: Captured[] = []
  const bus = container.resolve(Modules.EVENT_BUS)
  for (const name of [SegmentEvents.CUSTOMERS_ENTERED, SegmentEvents.CUSTOMERS_EXITED]) {
    bus.subscribe(
      name,
      async (event) => {
        seen.push({ name, data: event.data as SegmentMembershipEventData })
      },
      { subscriberId: `test-capture-${name}-${Math.random()}` }
    )
  }
  return {
    /** The events delivered since the last call (after the bus settles). */
    async take(): Promise<Captured[]> {
      await sleep(400)
      return seen.splice(0, seen.length)
    },
  }
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let container: MedusaContainer

    const groupMembers = async (groupId: string) =>
      (
        await container
          .resolve(Modules.CUSTOMER)
          .listCustomerGroupCustomers({ customer_group_id: groupId }, { select: ["customer_id"], take: null })
      )
        .map((l) => l.customer_id)
        .sort()
    const sync = async (segmentId: string, body: Record<string, unknown>) =>
      api.post(`/admin/segments/${segmentId}/group-sync`, body, { ...admin, ...any })
    const state = async (segmentId: string) =>
      (await api.get(`/admin/segments/${segmentId}/group-sync`, admin)).data.group_sync

    describe("sync to a customer group", () => {
      let fx: SegmentFixture
      const ids = (names: string[]) => names.map((n) => fx.customers[n].id).sort()
      const create = async (body: Record<string, unknown>) =>
        (await api.post("/admin/segments", { currency_code: "gbp", ...body }, admin)).data.segment

      beforeEach(async () => {
        container = getContainer()
        admin = (await createAdminUser(container)).headers
        await useStoreCurrency(container, "gbp")
        fx = await plantSegmentFixture(container)
      })

      it("the group equals the members after every evaluation and incremental update; events once per change", async () => {
        const events = captureMembershipEvents(container)
        const s = await create({ name: "Frequent high AOV", rules: AOV_RULES, status: "active" })
        expect(await state(s.id)).toMatchObject({ enabled: false, status: "disabled", customer_group_id: null })

        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const first = await events.take()
        expect(first.map((e) => [e.name, e.data.customer_ids, e.data.segment_id, e.data.version])).toEqual([
          [SegmentEvents.CUSTOMERS_ENTERED, ids(["alice", "dave", "gina"]), s.id, 1],
        ])
        expect(Date.parse(first[0].data.evaluated_at)).toBeGreaterThan(Date.now() - 60000)
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        expect(await events.take()).toEqual([]) // an unchanged re-evaluation emits nothing

        const enabled = await sync(s.id, { enabled: true })
        expect(enabled.status).toBe(200)
        const g = enabled.data.group_sync
        expect(g).toMatchObject({
          segment_id: s.id,
          enabled: true,
          status: "synced",
          customer_group_name: "Frequent high AOV",
          member_count: 3,
          group_member_count: 3,
          last_added: 3,
          last_removed: 0,
          last_error: null,
        })
        expect(Date.parse(g.last_synced_at)).toBeGreaterThan(Date.now() - 60000)
        const group = await container.resolve(Modules.CUSTOMER).retrieveCustomerGroup(g.customer_group_id)
        expect(group.metadata).toEqual({ [MANAGED_GROUP_METADATA_KEY]: s.id })
        expect(await groupMembers(g.customer_group_id)).toEqual(ids(["alice", "dave", "gina"]))
        expect(await events.take()).toEqual([]) // enabling the sync changes no membership

        // an order makes bob a member (incremental): the group follows; a replayed event changes nothing
        const order = await placeOrder(container, fx.customers.bob, [[1, 500]])
        const placed = { name: "order.placed", data: { id: order.id } }
        await segmentOrderHandler({ event: placed, container } as any)
        expect(await groupMembers(g.customer_group_id)).toEqual(ids(["alice", "bob", "dave", "gina"]))
        expect((await events.take()).map((e) => [e.name, e.data.customer_ids])).toEqual([
          [SegmentEvents.CUSTOMERS_ENTERED, ids(["bob"])],
        ])
        await segmentOrderHandler({ event: placed, container } as any)
        expect(await events.take()).toEqual([])
        expect(await state(s.id)).toMatchObject({ status: "synced", group_member_count: 4, last_added: 0 })

        // a stricter rule: dave and gina exit at the next evaluation, from the group too
        const stricter = {
          ...AOV_RULES,
          conditions: [AOV_RULES.conditions[0], { ...AOV_RULES.conditions[1], value: 170 }],
        }
        await api.post(`/admin/segments/${s.id}`, { rules: stricter }, admin)
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        expect(await groupMembers(g.customer_group_id)).toEqual(ids(["alice", "bob"]))
        expect((await events.take()).map((e) => [e.name, e.data.customer_ids, e.data.version])).toEqual([
          [SegmentEvents.CUSTOMERS_EXITED, ids(["dave", "gina"]), 2],
        ])
        expect(await state(s.id)).toMatchObject({ status: "synced", group_member_count: 2, last_removed: 2 })

        // a customer removed by hand: the group's size no longer matches, the next evaluation (the job) repairs it
        const customers = container.resolve(Modules.CUSTOMER)
        const segments = container.resolve(SEGMENT_MODULE) as SegmentModuleService
        await customers.removeCustomerFromGroup({ customer_id: fx.customers.alice.id, customer_group_id: group.id })
        await segmentEvaluateJob(container)
        expect(await groupMembers(g.customer_group_id)).toEqual(ids(["alice", "bob"]))
        expect(await state(s.id)).toMatchObject({ status: "synced", last_added: 1, last_removed: 0 })
        // a sync cut short by a crash (state left `pending`, alice missing, henry left over): the next one compares it whole
        const [row] = await segments.listSegmentGroupSyncs({ segment_id: s.id })
        await segments.updateSegmentGroupSyncs({ id: row.id, status: "pending" })
        await customers.removeCustomerFromGroup({ customer_id: fx.customers.alice.id, customer_group_id: group.id })
        await customers.addCustomerToGroup({ customer_id: fx.customers.henry.id, customer_group_id: group.id })
        await segmentEvaluateJob(container)
        expect(await groupMembers(g.customer_group_id)).toEqual(ids(["alice", "bob"]))
        expect(await state(s.id)).toMatchObject({ status: "synced", last_added: 1, last_removed: 1 })
        expect(await events.take()).toEqual([])
        // a hand edit that keeps the size (alice out, henry in): an evaluation's size check cannot see it,
        // the hourly job's full compare does, puts it right and says so
        const checkedBefore = Date.parse((await state(s.id)).last_full_check_at)
        await customers.removeCustomerFromGroup({ customer_id: fx.customers.alice.id, customer_group_id: group.id })
        await customers.addCustomerToGroup({ customer_id: fx.customers.henry.id, customer_group_id: group.id })
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        expect(await groupMembers(g.customer_group_id)).toEqual(ids(["bob", "henry"]))
        await segmentEvaluateJob(container)
        expect(await groupMembers(g.customer_group_id)).toEqual(ids(["alice", "bob"]))
        const checked = await state(s.id)
        expect(checked).toMatchObject({ status: "synced", last_added: 1, last_removed: 1, drift_repaired: 2 })
        expect(Date.parse(checked.last_full_check_at)).toBeGreaterThan(checkedBefore)
        // and a resync (a full compare) puts it right too
        await customers.removeCustomerFromGroup({ customer_id: fx.customers.alice.id, customer_group_id: group.id })
        await customers.addCustomerToGroup({ customer_id: fx.customers.henry.id, customer_group_id: group.id })
        const repaired = await sync(s.id, { enabled: true, resync: true })
        expect(repaired.data.group_sync).toMatchObject({
          status: "synced",
          last_added: 1,
          last_removed: 1,
          drift_repaired: 2,
          progress: null,
        })
        expect(await groupMembers(g.customer_group_id)).toEqual(ids(["alice", "bob"]))
        // the next job finds nothing out of place
        await segmentEvaluateJob(container)
        expect(await state(s.id)).toMatchObject({ status: "synced", drift_repaired: 0, last_added: 0, last_removed: 0 })

        // resync of a synced group changes nothing
        const again = await sync(s.id, { enabled: true, resync: true })
        expect(again.data.group_sync).toMatchObject({
          status: "synced",
          customer_group_id: group.id,
          last_added: 0,
          last_removed: 0,
        })
      })

      it("a large sync fills in the background: the request does not wait, progress shows, a crash resumes, evaluations meanwhile are caught up", async () => {
        const customers = container.resolve(Modules.CUSTOMER)
        const segments = container.resolve(SEGMENT_MODULE) as SegmentModuleService
        const locking = container.resolve(Modules.LOCKING)
        const s = await create({ name: "AOV", rules: AOV_RULES, status: "active" })
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const until = async (check: (g: any) => boolean) => {
          for (let i = 0; i < 100; i++) {
            const g = await state(s.id)
            if (check(g)) {
              return g
            }
            await sleep(100)
          }
          throw new Error(`sync state never matched: ${JSON.stringify(await state(s.id))}`)
        }
        process.env.SEGMENT_GROUP_SYNC_INLINE_LIMIT = "2" // 3 members count as a large segment
        try {
          // another sync holds the group (as a long fill would): the request answers at once, `filling`
          const key = `segment-group-sync:${s.id}`
          await locking.acquire(key, { ownerId: "test" })
          const started = await sync(s.id, { enabled: true })
          expect(started.status).toBe(200)
          expect(started.data.group_sync).toMatchObject({
            enabled: true,
            status: "filling",
            progress: { done: 0, total: 0 },
            group_member_count: null,
          })
          const groupId = started.data.group_sync.customer_group_id
          expect(await groupMembers(groupId)).toEqual([])
          // an order makes bob a member meanwhile: its evaluation cannot sync the busy group and skips it
          const order = await placeOrder(container, fx.customers.bob, [[1, 500]])
          await segmentOrderHandler({ event: { name: "order.placed", data: { id: order.id } }, container } as any)
          expect(await groupMembers(groupId)).toEqual([])
          await locking.release(key, { ownerId: "test" })
          const filled = await until((g) => g.status === "synced")
          expect(filled).toMatchObject({
            group_member_count: 4,
            last_added: 4,
            progress: null,
            drift_repaired: 0,
            member_count: 4,
          })
          expect(await groupMembers(groupId)).toEqual(ids(["alice", "bob", "dave", "gina"]))

          // a crash mid-fill: `filling`, half the group written, the process gone (no lock held)
          await api.post(`/admin/segments/${s.id}`, { status: "draft" }, admin)
          const [row] = await segments.listSegmentGroupSyncs({ segment_id: s.id })
          await segments.updateSegmentGroupSyncs({ id: row.id, status: "filling", progress_done: 2, progress_total: 4 })
          await customers.removeCustomerFromGroup([
            { customer_id: fx.customers.dave.id, customer_group_id: groupId },
            { customer_id: fx.customers.gina.id, customer_group_id: groupId },
          ])
          // the hourly job resumes it, though the segment is a draft it does not evaluate
          await segmentEvaluateJob(container)
          const resumed = await until((g) => g.status === "synced")
          expect(resumed).toMatchObject({ group_member_count: 4, last_added: 2, last_removed: 0, progress: null })
          expect(await groupMembers(groupId)).toEqual(ids(["alice", "bob", "dave", "gina"]))

          // a resync of the large group is a background fill too, and finds nothing to do
          const again = await sync(s.id, { enabled: true, resync: true })
          expect(["filling", "synced"]).toContain(again.data.group_sync.status)
          expect(await until((g) => g.status === "synced")).toMatchObject({ last_added: 0, last_removed: 0 })
        } finally {
          delete process.env.SEGMENT_GROUP_SYNC_INLINE_LIMIT
        }
      })

      it("a deleted group is an error until resync restores it (same id); a hand-edited mark is never touched", async () => {
        const s = await create({ name: "AOV", rules: AOV_RULES, status: "active" })
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const groupId = (await sync(s.id, { enabled: true })).data.group_sync.customer_group_id

        // the merchant deletes the group in the admin
        expect((await api.delete(`/admin/customer-groups/${groupId}`, admin)).status).toBe(200)
        await placeOrder(container, fx.customers.bob, [[1, 500]])
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const broken = await state(s.id)
        expect(broken).toMatchObject({ enabled: true, status: "error", customer_group_id: groupId, member_count: 4 })
        expect(broken.last_error).toMatch(/was deleted/)
        const resynced = (await sync(s.id, { enabled: true, resync: true })).data.group_sync
        expect(resynced).toMatchObject({ status: "synced", customer_group_id: groupId, group_member_count: 4 })
        expect(await groupMembers(groupId)).toEqual(ids(["alice", "bob", "dave", "gina"]))

        // the merchant points the mark at something else and adds henry by hand: the sync leaves it all alone
        await api.post(
          `/admin/customer-groups/${groupId}`,
          { metadata: { [MANAGED_GROUP_METADATA_KEY]: "seg_someone_else" } },
          admin
        )
        await container
          .resolve(Modules.CUSTOMER)
          .addCustomerToGroup({ customer_id: fx.customers.henry.id, customer_group_id: groupId })
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const edited = await state(s.id)
        expect(edited.status).toBe("error")
        expect(edited.last_error).toMatch(/seg_someone_else/)
        expect(await groupMembers(groupId)).toEqual(ids(["alice", "bob", "dave", "gina", "henry"]))
        const retried = (await sync(s.id, { enabled: true, resync: true })).data.group_sync
        expect(retried).toMatchObject({ status: "error", customer_group_id: groupId })
        expect(await groupMembers(groupId)).toEqual(ids(["alice", "bob", "dave", "gina", "henry"]))

        // it is not ours: not deleted on disable
        const refused = await sync(s.id, { enabled: false, on_disable: "delete" })
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/on_disable/)
        const kept = await sync(s.id, { enabled: false, on_disable: "keep" })
        expect(kept.data.group_sync).toMatchObject({ enabled: false, status: "disabled", customer_group_id: null })
        const untouched = await container.resolve(Modules.CUSTOMER).retrieveCustomerGroup(groupId)
        expect(untouched.metadata).toEqual({ [MANAGED_GROUP_METADATA_KEY]: "seg_someone_else" })

        // enabling again makes a new group (the old name is taken)
        const fresh = (await sync(s.id, { enabled: true })).data.group_sync
        expect(fresh.customer_group_id).not.toBe(groupId)
        expect(fresh).toMatchObject({ status: "synced", customer_group_name: `AOV (segment ${s.handle})` })
        expect(await groupMembers(fresh.customer_group_id)).toEqual(ids(["alice", "bob", "dave", "gina"]))
      })

      it("disabling keeps the group without the mark, or deletes it", async () => {
        const s = await create({ name: "AOV", rules: AOV_RULES, status: "active" })
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const customers = container.resolve(Modules.CUSTOMER)
        const first = (await sync(s.id, { enabled: true })).data.group_sync.customer_group_id
        await api.post(`/admin/customer-groups/${first}`, { metadata: { note: "merchant's" } }, admin)

        const kept = await sync(s.id, { enabled: false, on_disable: "keep" })
        expect(kept.status).toBe(200)
        expect(kept.data.group_sync).toMatchObject({ enabled: false, status: "disabled", group_member_count: null })
        const group = await customers.retrieveCustomerGroup(first)
        expect(group.metadata?.[MANAGED_GROUP_METADATA_KEY] ?? null).toBeNull()
        expect(group.metadata?.note).toBe("merchant's")
        expect(await groupMembers(first)).toEqual(ids(["alice", "dave", "gina"]))
        // no longer synced: a new member does not reach the kept group
        await placeOrder(container, fx.customers.bob, [[1, 500]])
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        expect(await groupMembers(first)).toEqual(ids(["alice", "dave", "gina"]))
        // disabling twice changes nothing
        expect((await sync(s.id, { enabled: false, on_disable: "delete" })).status).toBe(200)
        expect((await customers.listCustomerGroups({ id: first })).length).toBe(1)

        const second = (await sync(s.id, { enabled: true })).data.group_sync
        expect(second.customer_group_id).not.toBe(first)
        expect(await groupMembers(second.customer_group_id)).toEqual(ids(["alice", "bob", "dave", "gina"]))
        const deleted = await sync(s.id, { enabled: false, on_disable: "delete" })
        expect(deleted.data.group_sync).toMatchObject({ enabled: false, status: "disabled" })
        expect(await customers.listCustomerGroups({ id: second.customer_group_id })).toEqual([])
        expect((await customers.listCustomerGroups({ id: first })).length).toBe(1)
      })

      it("compensation: a failure after the sync's steps undoes the group, its customers and the state", async () => {
        const s = await create({ name: "AOV", rules: AOV_RULES, status: "active" })
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const customers = container.resolve(Modules.CUSTOMER)
        const { errors } = await enableThenFail(container).run({ input: s.id, throwOnError: false })
        expect(errors.map((e) => e.error?.message)).toEqual(["a later step failed"])
        expect(await customers.listCustomerGroups({})).toEqual([]) // the created group is gone
        expect(await state(s.id)).toMatchObject({ enabled: false, status: "disabled", customer_group_id: null })

        // with a synced group: a failed disable puts the mark back ("keep") or the group back ("delete")
        const g = (await sync(s.id, { enabled: true })).data.group_sync
        await customers.updateCustomerGroups(g.customer_group_id, { metadata: { note: "merchant's" } })
        for (const on_disable of ["keep", "delete"] as const) {
          const run = await disableThenFail(container).run({
            input: { segment_id: s.id, customer_group_id: g.customer_group_id, on_disable },
            throwOnError: false,
          })
          expect(run.errors.length).toBe(1)
          const group = await customers.retrieveCustomerGroup(g.customer_group_id)
          expect(group.metadata).toEqual({ note: "merchant's", [MANAGED_GROUP_METADATA_KEY]: s.id })
          expect(await groupMembers(g.customer_group_id)).toEqual(ids(["alice", "dave", "gina"]))
          expect(await state(s.id)).toMatchObject({ enabled: true, status: "synced" })
        }
        // and a failed sync on an existing group takes back exactly what it added and removed
        await customers.removeCustomerFromGroup({
          customer_id: fx.customers.alice.id,
          customer_group_id: g.customer_group_id,
        })
        await customers.addCustomerToGroup({
          customer_id: fx.customers.henry.id,
          customer_group_id: g.customer_group_id,
        })
        await enableThenFail(container).run({ input: s.id, throwOnError: false })
        expect(await groupMembers(g.customer_group_id)).toEqual(ids(["dave", "gina", "henry"]))
      })

      it("deleting a segment keeps its group, unmarked, with the customers it had", async () => {
        const s = await create({ name: "AOV", rules: AOV_RULES, status: "active" })
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const groupId = (await sync(s.id, { enabled: true })).data.group_sync.customer_group_id
        expect((await api.delete(`/admin/segments/${s.id}`, admin)).status).toBe(200)
        const group = await container.resolve(Modules.CUSTOMER).retrieveCustomerGroup(groupId)
        expect(group.metadata?.[MANAGED_GROUP_METADATA_KEY] ?? null).toBeNull()
        expect(await groupMembers(groupId)).toEqual(ids(["alice", "dave", "gina"]))
      })

      it("bad input: 400 naming the field, 404 for an unknown segment, 400 for a currency the store does not sell in", async () => {
        const s = await create({ name: "AOV", rules: AOV_RULES, status: "active" })
        const cases: [Record<string, unknown>, RegExp][] = [
          [{}, /enabled/],
          [{ enabled: "yes" }, /enabled/],
          [{ enabled: false }, /on_disable/],
          [{ enabled: false, on_disable: "archive" }, /on_disable/],
          [{ enabled: true, resync: "please" }, /resync/],
          [{ enabled: true, on_disable: "keep" }, /on_disable/],
        ]
        for (const [body, field] of cases) {
          const res = await sync(s.id, body)
          expect([res.status, res.data.message]).toEqual([400, expect.stringMatching(field)])
        }
        expect((await sync("seg_missing", { enabled: true })).status).toBe(404)
        expect((await api.get(`/admin/segments/seg_missing/group-sync`, { ...admin, ...any })).status).toBe(404)

        const yen = await create({ name: "Yen", rules: AOV_RULES, currency_code: "jpy" })
        const res = await sync(yen.id, { enabled: true })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/currency_code: .*JPY.*not support/)
        expect(await state(yen.id)).toMatchObject({ enabled: false, status: "disabled" })
        expect(await container.resolve(Modules.CUSTOMER).listCustomerGroups({})).toEqual([])
      })

      it("generated bodies: 200 or 400, never 500; 200 exactly for the contract's shapes", async () => {
        const s = await create({ name: "AOV", rules: AOV_RULES, status: "active" })
        await api.post(`/admin/segments/${s.id}/evaluate`, {}, admin)
        const statuses = new Set<number>()
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              perturbed({ enabled: fc.constant(true), resync: fc.boolean() }, { resync: oddString }),
              perturbed(
                { enabled: fc.constant(false), on_disable: fc.constantFrom("keep", "delete") },
                { on_disable: oddString }
              ),
              fc.dictionary(fc.constantFrom("enabled", "resync", "on_disable", "x"), fc.anything({ maxDepth: 1 }))
            ),
            async (body) => {
              const res = await sync(s.id, body)
              statuses.add(res.status)
              const valid =
                (body.enabled === true &&
                  Object.keys(body).every((k) => k === "enabled" || k === "resync") &&
                  (body.resync === undefined || typeof body.resync === "boolean")) ||
                (body.enabled === false &&
                  Object.keys(body).every((k) => k === "enabled" || k === "on_disable") &&
                  (body.on_disable === "keep" || body.on_disable === "delete"))
              expect({ status: res.status, valid }).toEqual({ status: valid ? 200 : 400, valid })
              if (res.status === 400) {
                expect(res.data.message).toMatch(/enabled|resync|on_disable|x/)
              } else {
                expect(res.data.group_sync.enabled).toBe(body.enabled)
              }
            }
          ),
          { numRuns: Number(process.env.GENERATED_BODY_RUNS || 60) }
        )
        expect(statuses).toEqual(new Set([200, 400]))
        // whatever the sequence, the group (when there is one) holds exactly the members
        const g = await state(s.id)
        if (g.enabled) {
          expect(g.status).toBe("synced")
          expect(await groupMembers(g.customer_group_id)).toEqual(ids(["alice", "dave", "gina"]))
        }
      })
    })

    describe("proof with core features: promotions and price lists on the synced group", () => {
      let fx: RecommendationFixture

      beforeEach(async () => {
        container = getContainer()
        admin = (await createAdminUser(container)).headers
        await useStoreCurrency(container, "gbp")
        fx = await plantRecommendationStore(container)
      })

      it("a member's cart gets the group's promotion and price; a non-member's does not; leaving ends both", async () => {
        // buyer has one counted order (lamp); newcomer none
        const segment = (
          await api.post(
            "/admin/segments",
            {
              name: "Buyers",
              currency_code: "gbp",
              status: "active",
              rules: { type: "condition", attribute: "order_count", operator: "gte", value: 1 },
            },
            admin
          )
        ).data.segment
        await api.post(`/admin/segments/${segment.id}/evaluate`, {}, admin)
        const groupId = (await sync(segment.id, { enabled: true })).data.group_sync.customer_group_id
        expect(await groupMembers(groupId)).toContain(fx.customers.buyer.id)
        expect(await groupMembers(groupId)).not.toContain(fx.customers.newcomer.id)

        const promotion = await api.post(
          "/admin/promotions",
          {
            code: "SEGMENT10",
            type: "standard",
            status: "active",
            is_automatic: true,
            application_method: {
              type: "percentage",
              target_type: "order",
              allocation: "across",
              value: 10,
              currency_code: "gbp",
            },
            rules: [{ attribute: "customer.groups.id", operator: "in", values: [groupId] }],
          },
          admin
        )
        expect(promotion.status).toBe(200)

        const headersOf: Record<string, Record<string, unknown>> = {}
        const cartFor = async (customerId: string, variantId: string) => {
          const headers = (headersOf[customerId] ??= await recommendationCustomerHeaders(
            container,
            customerId,
            fx.publishableKey
          ))
          const cart = (
            await api.post(
              "/store/carts",
              {
                region_id: fx.regionId,
                sales_channel_id: fx.channelId,
                items: [{ variant_id: variantId, quantity: 2 }],
              },
              headers
            )
          ).data.cart
          return (await api.get(`/store/carts/${cart.id}?fields=*items,+discount_total,+item_total`, headers)).data.cart
        }
        const member = await cartFor(fx.customers.buyer.id, fx.products.vase.variantId)
        const other = await cartFor(fx.customers.newcomer.id, fx.products.vase.variantId)
        expect(member.customer_id).toBe(fx.customers.buyer.id)
        expect([member.item_total, member.discount_total]).toEqual([18, 2]) // 2 x 10, 10% off
        expect([other.item_total, other.discount_total]).toEqual([20, 0])

        const priceList = await api.post(
          "/admin/price-lists",
          {
            title: "Buyers' price",
            description: "for the synced group",
            type: "override",
            status: "active",
            rules: { "customer.groups.id": [groupId] },
            prices: [{ variant_id: fx.products.mug.variantId, amount: 7, currency_code: "gbp" }],
          },
          admin
        )
        expect(priceList.status).toBe(200)
        const memberMug = await cartFor(fx.customers.buyer.id, fx.products.mug.variantId)
        const otherMug = await cartFor(fx.customers.newcomer.id, fx.products.mug.variantId)
        expect(memberMug.items[0].unit_price).toBe(7)
        expect(otherMug.items[0].unit_price).toBe(10)

        // the buyer's only order is canceled: they leave the segment, and the group with it
        const orderModule = container.resolve(Modules.ORDER)
        const [order] = await orderModule.listOrders({ customer_id: fx.customers.buyer.id }, { take: 1 })
        await orderModule.cancel(order.id)
        await segmentOrderHandler({ event: { name: "order.canceled", data: { id: order.id } }, container } as any)
        expect(await groupMembers(groupId)).not.toContain(fx.customers.buyer.id)
        const after = await cartFor(fx.customers.buyer.id, fx.products.vase.variantId)
        expect([after.item_total, after.discount_total]).toEqual([20, 0])
        const afterMug = await cartFor(fx.customers.buyer.id, fx.products.mug.variantId)
        expect(afterMug.items[0].unit_price).toBe(10)
      })
    })
  },
})
