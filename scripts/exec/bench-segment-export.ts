import { Writable } from "stream"
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SEGMENT_MODULE } from "../../src/modules/segment"
import type SegmentModuleService from "../../src/modules/segment/service"
import { GET as membersCsv } from "../../src/api/admin/segments/[id]/members.csv/route"

/**
 * The members CSV export (`GET /admin/segments/:id/members.csv`) on 25k, 50k and 100k members, each
 * with 2 orders in the read model, through the route's handler with a response that drains like a
 * socket (64 KB buffer). Prints per size the wall time, rows/s, the CSV size and the process's peak
 * RSS and heap above the start; memory that stays flat from 25k to 100k rows is the point.
 * Run: DATABASE_URL=postgres://postgres@localhost:5432/segment_export_bench \
 *   NODE_OPTIONS=--expose-gc node scripts/with-db.js medusa exec ./scripts/exec/bench-segment-export.ts [-- --max=100000]
 * Bench data only (customers cus_bexp_*, facts, one segment): never run it on a store you care about.
 */
export default async function benchSegmentExport({ container, args }: ExecArgs) {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  const maxArg = (args ?? []).find((a) => a.startsWith("--max="))
  const max = maxArg ? Number(maxArg.split("=")[1]) : 100000
  const sizes = [25000, 50000, 100000].filter((n) => n <= max)

  const [{ n: have }] = (await knex.raw(`select count(*)::int as n from customer where id like 'cus_bexp_%'`)).rows
  if (have < max) {
    await knex.raw(
      `insert into customer (id, email, first_name, last_name, has_account, created_at, updated_at)
        select 'cus_bexp_' || lpad(g::text, 7, '0'), 'shopper' || g || '@bench.test', 'First' || g,
          case when g % 10 = 0 then 'O''Brien, "Jr"' else 'Last' || g end, true, now(), now()
        from generate_series(?::int, ?::int) g`,
      [have + 1, max]
    )
    await knex.raw(
      `insert into segment_order_fact (id, order_id, customer_id, email, currency_code, ordered_at, item_total, raw_item_total, canceled, created_at, updated_at)
        select 'segof_bexp_' || g || '_' || k, 'order_bexp_' || g || '_' || k, 'cus_bexp_' || lpad(g::text, 7, '0'),
          'shopper' || g || '@bench.test', 'gbp', now() - (k * 20 + g % 30) * interval '1 day', 100 + g % 200,
          jsonb_build_object('value', (100 + g % 200)::text, 'precision', 20), false, now(), now()
        from generate_series(?::int, ?::int) g cross join generate_series(1, 2) k`,
      [have + 1, max]
    )
  }

  // fresh statistics, as autovacuum keeps them on a live store (stale ones after a bulk insert
  // estimate 1 customer and pick a nested loop that rescans the facts per customer)
  await knex.raw("analyze customer")
  await knex.raw("analyze segment_order_fact")

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
  const gc = (global as { gc?: () => void }).gc
  const lines: string[] = []
  // each size twice: timed, then with a full GC every 250 ms to read the live heap (what the export keeps)
  for (const [size, live] of sizes.flatMap((n) => [[n, false] as const, ...(gc ? [[n, true] as const] : [])])) {
    const [segment] = await service.createSegments([
      {
        name: `Export bench ${size}`,
        handle: `export-bench-${size}-${Date.now()}`,
        currency_code: "gbp",
        status: "draft",
        rules: {
          type: "all",
          conditions: [
            { type: "condition", attribute: "order_count", operator: "gte", value: 1, window_days: 90 },
            { type: "condition", attribute: "average_order_value", operator: "gt", value: 0 },
          ],
        },
      },
    ])
    await knex.raw(
      `insert into segment_membership (id, segment_id, customer_id, entered_at, created_at, updated_at)
        select 'segmem_bexp_' || ?::text || '_' || g, ?, 'cus_bexp_' || lpad(g::text, 7, '0'), now(), now(), now()
        from generate_series(1, ?::int) g`,
      [size, segment.id, size]
    )
    await knex.raw("analyze segment_membership")

    let bytes = 0
    let rows = 0
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length
        for (const b of chunk) if (b === 10) rows++
        setImmediate(cb) // a socket that drains on the next tick
      },
    })
    const res = Object.assign(sink, {
      status: () => res,
      setHeader: () => res,
    })
    gc?.()
    const rss0 = process.memoryUsage().rss
    const heap0 = process.memoryUsage().heapUsed
    let peakRss = rss0
    let peakHeap = heap0
    let ticks = 0
    const sampler = setInterval(() => {
      if (live && ++ticks % 12 === 0) gc?.()
      const m = process.memoryUsage()
      peakRss = Math.max(peakRss, m.rss)
      peakHeap = Math.max(peakHeap, m.heapUsed)
    }, 20)
    const started = process.hrtime.bigint()
    const finished = new Promise((resolve) => sink.on("finish", resolve))
    await membersCsv({ scope: container, params: { id: segment.id } } as never, res as never)
    await finished
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    clearInterval(sampler)
    lines.push(
      live
        ? `${String(size).padStart(7)} members, GC every 250 ms: live heap peak +${mb(peakHeap - heap0)} ` +
            `(${((peakHeap - heap0) / bytes).toFixed(2)} x the CSV), peak RSS +${mb(peakRss - rss0)}`
        : `${String(size).padStart(7)} members: ${seconds.toFixed(2)} s, ${Math.round((rows - 1) / seconds)} rows/s, ` +
            `${mb(bytes)} CSV, peak RSS +${mb(peakRss - rss0)}, peak heap +${mb(peakHeap - heap0)} (no forced GC)`
    )
    if (rows - 1 !== size) {
      throw new Error(`expected ${size} rows, got ${rows - 1}`)
    }
    await knex.raw(`delete from segment_membership where segment_id = ?`, [segment.id])
    await service.deleteSegments(segment.id)
  }
  process.stdout.write(
    `\nmembers CSV export (page ${5000}, facts of 2 conditions from the read model)\n${lines.join("\n")}\n`
  )
}
