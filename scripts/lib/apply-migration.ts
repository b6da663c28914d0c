import type { Knex } from "knex"

/** A module migration class (Medusa's `Migration`): `up()` collects its SQL, `getQueries()` returns it. */
export type MigrationClass = new (
  driver: never,
  config: never
) => { up(): Promise<void> | void; getQueries(): readonly unknown[] }

/**
 * Creates what `Migration` creates when `table` is missing, as `db:migrate` would run it, in one
 * transaction: bench stores cloned before a module's migration keep working as they are. Returns
 * whether it ran. Only for the benches (a store runs `npx medusa db:migrate`); the migration is
 * not recorded in the module's migration table.
 */
export async function applyMigrationIfMissing(db: Knex, table: string, Migration: MigrationClass): Promise<boolean> {
  const { rows } = await db.raw(`select to_regclass(?)::text as t`, [table])
  if (rows[0].t) {
    return false
  }
  const migration = new Migration(null as never, null as never)
  await migration.up()
  await db.transaction(async (trx) => {
    for (const sql of migration.getQueries()) {
      await trx.raw(String(sql))
    }
  })
  return true
}
