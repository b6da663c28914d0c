import { Client } from "pg"

// Checks the imported UCI "Online Retail" database (npm run import of
// /work/shared/datasets/online_retail.csv.gz, see docs/data-contract.md) against the known
// figures of /work/shared/datasets/SOURCES.md, with SQL written independently of the importer.
const DATABASE_URL =
  process.env.DATASET_DATABASE_URL ?? "postgres://postgres@localhost:5432/personalization_online_retail"

jest.setTimeout(120 * 1000)

describe("imported Online Retail dataset", () => {
  const client = new Client({ connectionString: DATABASE_URL })
  const one = async (sql: string, params: unknown[] = []) => {
    const { rows } = await client.query(sql, params)
    return Number(rows[0].n)
  }

  beforeAll(async () => {
    await client.connect()
  })
  afterAll(async () => {
    await client.end()
  })

  // Imported orders: those carrying an invoice number.
  const ORDERS = `select * from "order" where deleted_at is null and metadata->>'invoice_no' is not null`
  // Their line items at the order's current version.
  const LINES = `
    select o.id order_id, o.status, o.customer_id, o.metadata->>'invoice_no' invoice_no,
           li.unit_price, li.metadata li_metadata, oi.quantity
      from (${ORDERS}) o
      join order_item oi on oi.order_id = o.id and oi.version = o.version and oi.deleted_at is null
      join order_line_item li on li.id = oi.item_id and li.deleted_at is null`

  it.each([
    ["invoices", `select count(*) n from (${ORDERS}) o`, 25900],
    ["order lines (rows of the file)", `select count(*) n from (${LINES}) l`, 541909],
    [
      "stock codes (products)",
      `select count(distinct metadata->>'stock_code') n from product where deleted_at is null and handle like 'sc-%'`,
      4070,
    ],
    [
      "distinct variant SKUs",
      `select count(distinct v.sku) n from product_variant v join product p on p.id = v.product_id where p.handle like 'sc-%' and v.deleted_at is null`,
      4070,
    ],
    ["countries", `select count(distinct metadata->>'country') n from (${ORDERS}) o`, 38],
    [
      "customers with purchases",
      `select count(distinct customer_id) n from (${ORDERS}) o where status <> 'canceled'`,
      4339,
    ],
    ["rows without CustomerID", `select count(*) n from (${LINES}) l where customer_id is null`, 135080],
    [
      "guest invoices",
      `select count(*) n from (${ORDERS}) o where customer_id is null and email is null and metadata->>'guest' = 'true'`,
      3710,
    ],
    [
      "rows without Description",
      `select count(*) n from (${LINES}) l where (li_metadata->>'missing_description')::boolean`,
      1454,
    ],
    [
      "cancellation rows",
      `select count(*) n from (${LINES}) l where status = 'canceled' and invoice_no like 'C%'`,
      9288,
    ],
    ["rows with UnitPrice <= 0", `select count(*) n from (${LINES}) l where unit_price <= 0`, 2517],
  ])("%s", async (_label, sql, expected) => {
    expect(await one(sql)).toBe(expected)
  })

  it("repeat buyers: 2,845 customers with >= 2 invoices, 1,115 with >= 5, 391 with >= 10", async () => {
    const { rows } = await client.query(`
      select count(*) filter (where n >= 2) ge2, count(*) filter (where n >= 5) ge5, count(*) filter (where n >= 10) ge10
        from (select customer_id, count(*) n from (${ORDERS}) o
               where customer_id is not null and status <> 'canceled' group by customer_id) c`)
    expect(rows[0]).toEqual({ ge2: "2845", ge5: "1115", ge10: "391" })
  })

  it("every canceled order is a C invoice with canceled_at, and no other order is canceled", async () => {
    expect(await one(`select count(*) n from (${ORDERS}) o where status = 'canceled'`)).toBe(
      await one(
        `select count(*) n from (${ORDERS}) o where metadata->>'invoice_no' like 'C%' and canceled_at is not null`
      )
    )
    expect(await one(`select count(*) n from (${LINES}) l where quantity <= 0`)).toBe(0)
  })

  it("non-product codes are products like any other", async () => {
    const { rows } = await client.query(
      `select v.sku from product_variant v where v.sku = any($1) and v.deleted_at is null order by v.sku`,
      [["BANK CHARGES", "D", "DOT", "M", "POST"]]
    )
    expect(rows.map((r) => r.sku)).toEqual(["BANK CHARGES", "D", "DOT", "M", "POST"])
  })

  it("orders are dated within the file's span (2010-12-01 .. 2011-12-09, UK time)", async () => {
    const { rows } = await client.query(`select min(created_at) min, max(created_at) max from (${ORDERS}) o`)
    expect(new Date(rows[0].min).toISOString()).toBe("2010-12-01T08:26:00.000Z")
    expect(new Date(rows[0].max).toISOString()).toBe("2011-12-09T12:50:00.000Z")
  })
})
