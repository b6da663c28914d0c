import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { updateStoresWorkflow } from "@medusajs/medusa/core-flows"
import { SEGMENT_MODULE } from "../../src/modules/segment"
import type SegmentModuleService from "../../src/modules/segment/service"
import { disableSegmentGroupSyncWorkflow, enableSegmentGroupSyncWorkflow } from "../../src/workflows/segment/group-sync"
import { evaluateSegmentWorkflow } from "../../src/workflows/segment/evaluate-segment"
import { syncSegmentGroup } from "../../src/workflows/segment/group-sync/run-sync"

/**
 * The segment -> customer group sync on the bench store (run by `npm run bench:segments`, or
 * `medusa exec ./scripts/exec/bench-group-sync.ts` against the bench database): per segment size,
 * the full evaluation that materializes its members (the evaluation time budget), then enabling the
 * sync two ways, each into a new customer group filled through the customer module (adds in
 * batches of 5,000, removals of 1,000): previous, the whole fill inside the enable request (kept
 * callable with `SEGMENT_GROUP_SYNC_INLINE_LIMIT` above the segment's size), and new, the request
 * answering once the group exists while the fill runs in the background (timed until it ends).
 * Then the steady state: an evaluation that changes nothing, alone and as `evaluateSegmentWorkflow`
 * (events + the scoped sync); the hourly job's full compare of the group; a resync (until done);
 * and everyone exiting (the evaluation workflow's request, and until the group is empty). Prints
 * times and ratios to the evaluation, and the exponent of the fill time in the member count.
 * Everything it creates is deleted afterwards.
 */
export default async function benchGroupSync({ container }: ExecArgs) {
  const out = (line: string) => process.stdout.write(`${line}\n`)
  const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  // the segments count GBP: the store must sell in it (the sync refuses a currency it does not)
  const [store] = await container
    .resolve(Modules.STORE)
    .listStores({}, { relations: ["supported_currencies"], take: 1 })
  const currencies = store?.supported_currencies ?? []
  if (store && !currencies.some((c) => c.currency_code === "gbp")) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          supported_currencies: [
            ...currencies.map((c) => ({ currency_code: c.currency_code, is_default: c.is_default })),
            { currency_code: "gbp", is_default: !currencies.length },
          ],
        },
      },
    })
  }

  // three sizes on the same store: frequent buyers, buyers, every customer with an account
  const cases = [
    {
      name: "bench sync: 8+ orders",
      rules: { type: "condition", attribute: "order_count", operator: "gte", value: 8 },
    },
    {
      name: "bench sync: 2+ orders",
      rules: { type: "condition", attribute: "order_count", operator: "gte", value: 2 },
    },
    {
      name: "bench sync: accounts",
      rules: { type: "condition", attribute: "has_account", operator: "eq", value: true },
    },
  ]
  const rows: {
    members: number
    evalMs: number
    inlineMs: number
    requestMs: number
    fillMs: number
    evalAgainMs: number
    workflowMs: number
    fullCheckMs: number
    resyncMs: number
    emptyRequestMs: number
    emptyMs: number
  }[] = []
  const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6
  const syncState = async (segmentId: string) => (await service.listSegmentGroupSyncs({ segment_id: segmentId }))[0]
  /** Waits for a background fill to end; answers the state. */
  const settled = async (segmentId: string) => {
    for (;;) {
      const state = await syncState(segmentId)
      if (state.status !== "filling" && state.status !== "pending") {
        return state
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const dropGroup = async (segmentId: string) => {
    const state = await syncState(segmentId)
    await disableSegmentGroupSyncWorkflow(container).run({ input: { segment_id: segmentId, on_disable: "delete" } })
    if (state?.customer_group_id) {
      // the bench's own leftovers (the sync soft-deletes; a bench run must not grow the store)
      await knex.raw("delete from customer_group_customer where customer_group_id = ?", [state.customer_group_id])
      await knex.raw("delete from customer_group where id = ?", [state.customer_group_id])
    }
  }
  for (const [i, c] of cases.entries()) {
    const [segment] = await service.createSegments([
      { name: c.name, handle: `bench-sync-${i}-${Date.now()}`, currency_code: "gbp", status: "draft", rules: c.rules },
    ])
    try {
      let t = process.hrtime.bigint()
      const [evaluation] = await service.evaluateSegment(segment.id)
      const evalMs = ms(t)
      // previous: the whole fill inside the enable request (kept callable: an inline limit above the segment)
      process.env.SEGMENT_GROUP_SYNC_INLINE_LIMIT = String(10 * evaluation.member_count + 1)
      t = process.hrtime.bigint()
      const { result } = await enableSegmentGroupSyncWorkflow(container).run({ input: { segment_id: segment.id } })
      const inlineMs = ms(t)
      delete process.env.SEGMENT_GROUP_SYNC_INLINE_LIMIT
      if (result[0]?.status !== "synced") {
        throw new Error(`inline sync failed: ${result[0]?.error}`)
      }
      await dropGroup(segment.id)
      // new: the request answers once the group exists, the fill runs in the background (above 5,000 members)
      t = process.hrtime.bigint()
      await enableSegmentGroupSyncWorkflow(container).run({ input: { segment_id: segment.id } })
      const requestMs = ms(t)
      const filled = await settled(segment.id)
      const fillMs = ms(t)
      if (filled.status !== "synced" || filled.group_member_count !== evaluation.member_count) {
        throw new Error(`fill ended ${filled.status} with ${filled.group_member_count} customers: ${filled.last_error}`)
      }
      // steady state: an evaluation that changes nothing, alone and as the workflow (events + scoped sync)
      t = process.hrtime.bigint()
      await service.evaluateSegment(segment.id)
      const evalAgainMs = ms(t)
      t = process.hrtime.bigint()
      await evaluateSegmentWorkflow(container).run({ input: segment.id })
      const workflowMs = ms(t)
      // the hourly job's full compare of a synced group (finds same-size hand edits), nothing to change
      t = process.hrtime.bigint()
      const checked = await syncSegmentGroup(container, await syncState(segment.id), { customerIds: [], full: true })
      const fullCheckMs = ms(t)
      if (checked.status !== "synced" || checked.drift !== 0) {
        throw new Error(`full check: ${JSON.stringify({ ...checked, added: checked.added.length })}`)
      }
      t = process.hrtime.bigint()
      await enableSegmentGroupSyncWorkflow(container).run({ input: { segment_id: segment.id, resync: true } })
      await settled(segment.id)
      const resyncMs = ms(t)
      // everyone exits: the segment matches nobody; the evaluation workflow removes them all from the group
      await service.replaceRules(segment.id, { type: "any", conditions: [] })
      t = process.hrtime.bigint()
      const { result: emptied } = await evaluateSegmentWorkflow(container).run({ input: segment.id })
      const emptyRequestMs = ms(t)
      const after = await settled(segment.id)
      const emptyMs = ms(t)
      if (emptied[0].exited !== evaluation.member_count || after.group_member_count !== 0) {
        throw new Error(`emptying left ${after.group_member_count} customers in the group`)
      }
      rows.push({
        members: evaluation.member_count,
        evalMs,
        inlineMs,
        requestMs,
        fillMs,
        evalAgainMs,
        workflowMs,
        fullCheckMs,
        resyncMs,
        emptyRequestMs,
        emptyMs,
      })
    } finally {
      delete process.env.SEGMENT_GROUP_SYNC_INLINE_LIMIT
      await dropGroup(segment.id)
      await knex.raw("delete from segment_membership where segment_id = ?", [segment.id])
      await knex.raw("delete from segment_group_sync where segment_id = ?", [segment.id])
      await service.deleteSegments(segment.id)
    }
  }

  const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`
  out(
    `| members | evaluation (members written) | enable, previous: fill inside the request | ratio | enable, new: request | ratio | new: until the background fill ends | ratio | evaluation, nothing changed | same, as the workflow (events + sync) | ratio | hourly full compare, nothing to change | ratio | resync (until done) | everyone exits: workflow request | until the group is empty |`
  )
  out(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`)
  for (const r of rows) {
    const f = (v: number) => `${v.toFixed(0)} ms`
    out(
      `| ${r.members} | ${f(r.evalMs)} | ${f(r.inlineMs)} | ${x(r.inlineMs, r.evalMs)} | ${f(r.requestMs)} | ${x(r.requestMs, r.evalMs)} | ${f(r.fillMs)} | ${x(r.fillMs, r.evalMs)} | ${f(r.evalAgainMs)} | ${f(r.workflowMs)} | ${x(r.workflowMs, r.evalAgainMs)} | ${f(r.fullCheckMs)} | ${x(r.fullCheckMs, r.evalAgainMs)} | ${f(r.resyncMs)} | ${f(r.emptyRequestMs)} | ${f(r.emptyMs)} |`
    )
  }
  const [small, , big] = rows
  if (small && big && big.members > small.members && small.members > 0) {
    const exponent = Math.log(big.fillMs / small.fillMs) / Math.log(big.members / small.members)
    const at100k = big.fillMs * Math.pow(100000 / big.members, exponent)
    out(
      `\nsync time ~ members^${exponent.toFixed(2)} (from ${small.members} to ${big.members} members)` +
        (big.members < 100000 ? `; extrapolated to 100k members: ${(at100k / 1000).toFixed(1)} s` : "")
    )
  }
}
