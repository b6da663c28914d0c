import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import type RecommendationModuleService from "../../src/modules/recommendation/service"
import { recountCustomers, recountOrderCustomer } from "../../src/modules/recommendation/repositories/customer-history"
import { countedOrder } from "../../src/utils/counted-order"
import { runSql } from "../../src/utils/sql"

type DalRepository = { transaction: (task: (manager: unknown) => Promise<unknown>) => Promise<unknown> }
const ROLLBACK = new Error("rollback")

/**
 * `npm run bench:record-order [-- orders=200]`: the incremental co-purchase update of one order
 * (`recordOrder`, run by the `order.placed` subscriber) on the bench database (`npm run bench:setup`:
 * 1M order lines, counts already rebuilt). A deterministic sample of counted orders (smallest md5 of
 * their id) is counted again, each in its own module transaction that is rolled back, so the store is left
 * as it was: the order is hidden (deleted_at) and its customer recounted, so the stored history is the
 * one without it, then the order is shown again and its processed mark removed, and
 * `recountOrderCustomer` runs (mark the order, recount the customer: read the current and the stored
 * history, upsert the pair changes and every pair weight of the customer, store the history); its
 * time is taken before the rollback (no commit, so no WAL flush). Prints p50 / p95 / max of the time
 * and of the rows upserted per order.
 */
export default async function benchRecordOrder({ container, args }: ExecArgs) {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
  const n = Number((args ?? []).find((a) => a.startsWith("orders="))?.split("=")[1] ?? 200)
  const out = (line: string) => process.stdout.write(`${line}\n`)
  const orders = (
    await knex.raw(
      `SELECT o.id FROM "order" o WHERE ${countedOrder("o")} AND o.customer_id IS NOT NULL
       ORDER BY md5(o.id) LIMIT ?`,
      [n]
    )
  ).rows.map((r: { id: string }) => r.id)
  const times: number[] = []
  const rows: number[] = []
  // the module's own transaction (MikroORM's entity manager, as `recordOrder` gets it), rolled back
  const repository = (service as unknown as { baseRepository_: DalRepository }).baseRepository_
  for (const id of orders) {
    await repository
      .transaction(async (manager: unknown) => {
        const cap = service.settings.history_cap
        const [{ customer_id }] = await runSql<{ customer_id: string }>(
          manager,
          `UPDATE "order" SET deleted_at = now() WHERE id = ? RETURNING customer_id`,
          [id]
        )
        await recountCustomers(manager, [customer_id], cap)
        await runSql(manager, `UPDATE "order" SET deleted_at = NULL WHERE id = ?`, [id])
        await runSql(manager, `DELETE FROM recommendation_processed_order WHERE order_id = ?`, [id])
        const started = process.hrtime.bigint()
        const result = await recountOrderCustomer(manager, id, cap)
        times.push(Number(process.hrtime.bigint() - started) / 1e6)
        // rows upserted: the diagonal and pairs of new products, and every pair weight of the customer
        rows.push(result.rows)
        throw ROLLBACK
      })
      .catch((e: unknown) => {
        if (e !== ROLLBACK) {
          throw e
        }
      })
  }
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b)
    return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0
  }
  out(`bench:record-order: ${orders.length} orders, each counted again in a rolled-back transaction`)
  out(
    `time per order (ms): p50 ${q(times, 0.5).toFixed(1)}, p95 ${q(times, 0.95).toFixed(1)}, ` +
      `max ${Math.max(...times).toFixed(1)}, mean ${(times.reduce((a, b) => a + b, 0) / (times.length || 1)).toFixed(1)}`
  )
  out(`rows upserted per order: p50 ${q(rows, 0.5)}, p95 ${q(rows, 0.95)}, max ${Math.max(...rows)}`)
}
