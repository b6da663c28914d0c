import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { updateStoresWorkflow } from "@medusajs/medusa/core-flows"
import { SEGMENT_MODULE } from "../../src/modules/segment"
import type SegmentModuleService from "../../src/modules/segment/service"
import { disableSegmentGroupSyncWorkflow, enableSegmentGroupSyncWorkflow } from "../../src/workflows/segment/group-sync"
import { evaluateSegmentWorkflow } from "../../src/workflows/segment/evaluate-segment"

/**
 * The segment -> customer group sync on the bench store (run by `npm run bench:segments`, or
 * `medusa exec ./scripts/exec/bench-group-sync.ts` against the bench database): per segment size,
 * the full evaluation that materializes its members (the evaluation time budget) and enabling the
 * sync, which puts them in a new customer group through the customer module (adds in batches of 5,000, removals of 1,000);
 * then the steady state: an evaluation that changes nothing, alone and as `evaluateSegmentWorkflow`
 * (events + the scoped sync); a resync (full compare, nothing to change); and everyone exiting
 * (the evaluation workflow empties the group). Prints times and ratios, and the exponent of the
 * enable time in the member count. Everything it creates is deleted afterwards.
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
    syncMs: number
    evalAgainMs: number
    workflowMs: number
    resyncMs: number
    emptyMs: number
  }[] = []
  const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6
  for (const [i, c] of cases.entries()) {
    const [segment] = await service.createSegments([
      { name: c.name, handle: `bench-sync-${i}-${Date.now()}`, currency_code: "gbp", status: "draft", rules: c.rules },
    ])
    try {
      let t = process.hrtime.bigint()
      const [evaluation] = await service.evaluateSegment(segment.id)
      const evalMs = ms(t)
      t = process.hrtime.bigint()
      const { result } = await enableSegmentGroupSyncWorkflow(container).run({ input: { segment_id: segment.id } })
      const syncMs = ms(t)
      if (result[0]?.status !== "synced") {
        throw new Error(`sync failed: ${result[0]?.error}`)
      }
      // steady state: an evaluation that changes nothing, alone and as the workflow (events + scoped sync)
      t = process.hrtime.bigint()
      await service.evaluateSegment(segment.id)
      const evalAgainMs = ms(t)
      t = process.hrtime.bigint()
      await evaluateSegmentWorkflow(container).run({ input: segment.id })
      const workflowMs = ms(t)
      t = process.hrtime.bigint()
      await enableSegmentGroupSyncWorkflow(container).run({ input: { segment_id: segment.id, resync: true } })
      const resyncMs = ms(t)
      // everyone exits: the segment matches nobody; the evaluation workflow removes them all from the group
      await service.replaceRules(segment.id, { type: "any", conditions: [] })
      t = process.hrtime.bigint()
      const { result: emptied } = await evaluateSegmentWorkflow(container).run({ input: segment.id })
      const emptyMs = ms(t)
      const [after] = await service.listSegmentGroupSyncs({ segment_id: segment.id })
      if (emptied[0].exited !== evaluation.member_count || after.group_member_count !== 0) {
        throw new Error(`emptying left ${after.group_member_count} customers in the group`)
      }
      rows.push({ members: evaluation.member_count, evalMs, syncMs, evalAgainMs, workflowMs, resyncMs, emptyMs })
    } finally {
      const [state] = await service.listSegmentGroupSyncs({ segment_id: segment.id })
      await disableSegmentGroupSyncWorkflow(container).run({ input: { segment_id: segment.id, on_disable: "delete" } })
      if (state?.customer_group_id) {
        // the bench's own leftovers (the sync soft-deletes; a bench run must not grow the store)
        await knex.raw("delete from customer_group_customer where customer_group_id = ?", [state.customer_group_id])
        await knex.raw("delete from customer_group where id = ?", [state.customer_group_id])
      }
      await knex.raw("delete from segment_membership where segment_id = ?", [segment.id])
      await knex.raw("delete from segment_group_sync where segment_id = ?", [segment.id])
      await service.deleteSegments(segment.id)
    }
  }

  out(
    `| members | evaluation (members written) | enable: full sync into a new group | ratio | evaluation, nothing changed | same, as the workflow (events + sync) | ratio | resync (full compare, nothing to change) | everyone exits: evaluation workflow |`
  )
  out(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |`)
  for (const r of rows) {
    out(
      `| ${r.members} | ${r.evalMs.toFixed(0)} ms | ${r.syncMs.toFixed(0)} ms | ${(r.syncMs / r.evalMs).toFixed(2)}x | ${r.evalAgainMs.toFixed(0)} ms | ${r.workflowMs.toFixed(0)} ms | ${(r.workflowMs / r.evalAgainMs).toFixed(2)}x | ${r.resyncMs.toFixed(0)} ms | ${r.emptyMs.toFixed(0)} ms |`
    )
  }
  const [small, , big] = rows
  if (small && big && big.members > small.members && small.members > 0) {
    const exponent = Math.log(big.syncMs / small.syncMs) / Math.log(big.members / small.members)
    const at100k = big.syncMs * Math.pow(100000 / big.members, exponent)
    out(
      `\nsync time ~ members^${exponent.toFixed(2)} (from ${small.members} to ${big.members} members)` +
        (big.members < 100000 ? `; extrapolated to 100k members: ${(at100k / 1000).toFixed(1)} s` : "")
    )
  }
}
