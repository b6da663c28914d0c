import knexFactory, { Knex } from "knex"
import { Client } from "pg"
import { applyMigrationIfMissing } from "./apply-migration"
import { Migration20261201120000 } from "../../src/modules/recommendation/migrations/Migration20261201120000"
import { Migration20261201090218 } from "../../src/modules/data_audit/migrations/Migration20261201090218"

// Not pure: a scratch database on the PostgreSQL `node scripts/test.js` gives every suite (DB_*), dropped after.
const connection = {
  host: process.env.DB_HOST || "localhost",
  port: Number(process.env.DB_PORT || 5432),
  user: process.env.DB_USERNAME || "postgres",
  password: process.env.DB_PASSWORD || undefined,
}
const scratch = `apply_migration_${process.pid}`

async function admin(sql: string) {
  const client = new Client({ ...connection, database: "postgres" })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

const tables = async (db: Knex) =>
  (await db.raw(`select table_name from information_schema.tables where table_schema = 'public' order by 1`)).rows.map(
    (r: { table_name: string }) => r.table_name
  )

describe("applyMigrationIfMissing (the benches' old-clone repair)", () => {
  let db: Knex

  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${scratch}"`)
    await admin(`CREATE DATABASE "${scratch}"`)
    db = knexFactory({ client: "pg", connection: { ...connection, database: scratch }, pool: { min: 0, max: 2 } })
  })

  afterAll(async () => {
    await db?.destroy()
    await admin(`DROP DATABASE IF EXISTS "${scratch}"`)
  })

  it("runs each module's migration when its table is missing, and only then", async () => {
    expect(await tables(db)).toEqual([])
    expect(await applyMigrationIfMissing(db, "recommendation_customer_history", Migration20261201120000)).toBe(true)
    expect(await tables(db)).toEqual(["recommendation_affinity_pass", "recommendation_customer_history"])
    expect(await applyMigrationIfMissing(db, "audit_order_line_summary", Migration20261201090218)).toBe(true)
    expect(await tables(db)).toEqual([
      "audit_order_line_summary",
      "audit_order_product_line",
      "recommendation_affinity_pass",
      "recommendation_customer_history",
    ])
    await db.raw(`insert into recommendation_affinity_pass (id, kind, history_cap, started_at, finished_at)
      values ('recap_1', 'full', 50, now(), now())`)
    expect(await applyMigrationIfMissing(db, "recommendation_customer_history", Migration20261201120000)).toBe(false)
    expect((await db.raw(`select count(*)::int as n from recommendation_affinity_pass`)).rows[0].n).toBe(1)
  })

  it("leaves nothing behind when a statement fails (one transaction)", async () => {
    class Broken {
      up() {}
      getQueries() {
        return [`create table half_made (id text)`, `create table half_made (id text)`]
      }
    }
    const e = await applyMigrationIfMissing(db, "half_made", Broken).catch((e) => e)
    expect(e.message).toMatch(/already exists/)
    expect(await tables(db)).not.toContain("half_made")
  })

  it("reads a table name that needs quoting as a name, not as SQL", async () => {
    class Odd {
      up() {}
      getQueries() {
        return [`create table "odd'name" (id text)`]
      }
    }
    expect(await applyMigrationIfMissing(db, `"odd'name"`, Odd)).toBe(true)
    expect(await applyMigrationIfMissing(db, `"odd'name"`, Odd)).toBe(false)
  })
})
