import fc from "fast-check"
import { Client } from "pg"
import { pgTextArray } from "../../../utils/sql"
import { Params } from "../utils/params"

/**
 * Lists of ids and values reach PostgreSQL as one array literal (`pgTextArray`) so the planner sees
 * their length. PostgreSQL itself parses every generated list back to the same strings.
 */
describe("pgTextArray on PostgreSQL", () => {
  const client = new Client({
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database: "postgres",
  })
  beforeAll(() => client.connect())
  afterAll(() => client.end())

  it("round-trips any list of strings (quotes, backslashes, commas, braces, NULL-like words, unicode)", async () => {
    const text = fc.string({ unit: "binary", maxLength: 12 }).map((s) => s.replace(/\0/g, ""))
    const tricky = fc.constantFrom("", "NULL", "null", '"', "\\", ",", "{", "}", " a ", "é€😀", 'a"b\\c,d{e}')
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(text, tricky), { maxLength: 20 }), async (list) => {
        const { rows } = await client.query("select $1::text[] as a", [pgTextArray(list)])
        expect(rows[0].a).toEqual(list)
      }),
      { numRuns: 200 }
    )
  })

  it("lets the planner see the list's length (5,000 ids are estimated as 5,000 rows, not a handful)", async () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `cus_${i}`)
    const p = new Params()
    const list = p.textList(ids)
    const { rows } = await client.query(`explain (format json) select x from unnest(${list}) x`, p.values)
    expect(rows[0]["QUERY PLAN"][0].Plan["Plan Rows"]).toBe(5000)
  })
})
