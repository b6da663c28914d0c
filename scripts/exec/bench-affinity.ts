import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import type RecommendationModuleService from "../../src/modules/recommendation/service"
import { AFFINITY_COLUMNS, AFFINITY_COUNTS_SQL } from "../../src/modules/recommendation/repositories/affinity"

/**
 * `npm run bench:affinity [-- --in-place=no]`: the full co-purchase rebuild on the bench database
 * (`npm run bench:setup`: 1M order lines), two ways in one run:
 *  - in place (the previous rebuild): `DELETE` every row, then one `INSERT ... SELECT` into the live,
 *    indexed table; run inside a transaction that is rolled back, so it changes nothing;
 *  - build and swap (`rebuildAffinity`): the same `INSERT ... SELECT` into a fresh table, its
 *    indexes built afterwards, swapped in at commit, then `VACUUM ANALYZE`.
 * Prints both times and their ratio, and the table's size after the rebuild.
 */
export default async function benchAffinity({ container, args }: ExecArgs) {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const service: RecommendationModuleService = container.resolve(RECOMMENDATION_MODULE)
  const inPlace = !(args ?? []).includes("--in-place=no")
  const out = (line: string) => process.stdout.write(`${line}\n`)
  const size = (
    await knex.raw(`select
      (select count(*) from "order" where deleted_at is null) as orders,
      (select count(*) from order_line_item where deleted_at is null) as order_lines,
      (select count(*) from product_affinity) as affinity_rows,
      pg_size_pretty(pg_total_relation_size('product_affinity')) as affinity_size`)
  ).rows[0]
  out(
    `bench:affinity: ${size.orders} orders, ${size.order_lines} order lines; product_affinity now ` +
      `${size.affinity_rows} rows, ${size.affinity_size} with indexes`
  )

  let inPlaceSeconds: number | null = null
  if (inPlace) {
    const started = process.hrtime.bigint()
    const trx = await knex.transaction()
    try {
      await trx.raw(`SET LOCAL work_mem = '256MB'`)
      await trx.raw(`DELETE FROM product_affinity`)
      await trx.raw(
        `INSERT INTO product_affinity (${AFFINITY_COLUMNS})
         ${AFFINITY_COUNTS_SQL}`,
        [service.settings.history_cap]
      )
      inPlaceSeconds = Number(process.hrtime.bigint() - started) / 1e9
    } finally {
      await trx.rollback()
    }
    out(`in place (delete + insert into the indexed table, rolled back): ${inPlaceSeconds.toFixed(1)} s`)
  }

  const started = process.hrtime.bigint()
  const result = await service.rebuildAffinity()
  const swapSeconds = Number(process.hrtime.bigint() - started) / 1e9
  const after = (
    await knex.raw(`select count(*) as n, pg_size_pretty(pg_total_relation_size('product_affinity')) as size
                    from product_affinity`)
  ).rows[0]
  out(
    `build and swap (rebuildAffinity, vacuum analyze included): ${swapSeconds.toFixed(1)} s; ` +
      `${result.pairs} pairs, ${after.n} rows, ${after.size} with indexes`
  )
  if (inPlaceSeconds !== null) {
    out(`ratio in place / build and swap: ${(inPlaceSeconds / swapSeconds).toFixed(2)}x`)
  }
}
