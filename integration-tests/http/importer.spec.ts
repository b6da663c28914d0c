import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createApiKeysWorkflow, linkSalesChannelsToApiKeyWorkflow } from "@medusajs/medusa/core-flows"
import fc from "fast-check"
import fs from "fs"
import os from "os"
import path from "path"
import { Modules } from "@medusajs/framework/utils"
import { buildOrderInput, importOrderLines } from "../../scripts/import/import-orders"
import type { PlannedInvoice } from "../../scripts/import/grouping"
import { insertOrders } from "../../scripts/import/order-writer"
import { readLines } from "../../scripts/eval-recommendations"
import { PURCHASE_LINES } from "../../src/modules/recommendation/repositories/customer-history"

jest.setTimeout(300 * 1000)

const FIXTURE = path.join(__dirname, "..", "fixtures", "orders-small.csv")

/** A CSV file of these lines in a new temporary directory; returns its path. */
function csvFile(name: string, lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), name)
  fs.writeFileSync(file, lines.join("\n"))
  return file
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("order-lines importer", () => {
      it("imports the fixture exactly as the data contract says, and a second run adds nothing", async () => {
        const container = getContainer()
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)

        const first = await importOrderLines(container, { file: FIXTURE, batchSize: 4 })
        expect(first).toEqual(
          expect.objectContaining({
            rowsRead: 37,
            invoices: 13,
            linesImported: 37,
            linesAlreadyPresent: 0,
            rowsSkipped: {},
            products: { created: 16, existing: 0 },
            customers: { created: 3, existing: 0 },
            orders: { created: 13, existing: 0 },
            guestOrders: { created: 2, existing: 0 },
            canceledOrders: { created: 1, existing: 0 },
          })
        )

        const count = async (sql: string) => Number((await knex.raw(sql)).rows[0].n)
        expect(await count(`select count(*) n from product where deleted_at is null`)).toBe(16)
        expect(await count(`select count(*) n from customer where email like '%@online-retail.example'`)).toBe(3)
        expect(await count(`select count(*) n from "order" where metadata->>'invoice_no' is not null`)).toBe(13)
        expect(
          await count(
            `select count(*) n from "order" where customer_id is null and email is null and metadata->>'guest' = 'true'`
          )
        ).toBe(2)
        expect(
          await count(
            `select count(*) n from "order" where status = 'canceled' and canceled_at is not null and metadata->>'cancellation' = 'true'`
          )
        ).toBe(1)
        expect(await count(`select count(*) n from order_line_item li join order_item oi on oi.item_id = li.id`)).toBe(
          37
        )
        expect(await count(`select count(*) n from product_sales_channel`)).toBe(16)
        expect(await count(`select count(*) n from product_variant_price_set`)).toBe(16)

        // created_at is the invoice date (UK local time -> UTC: GMT in December, BST in April).
        const dates = (
          await knex.raw(
            `select metadata->>'invoice_no' inv, created_at from "order" where metadata->>'invoice_no' in ('536365', '550000')`
          )
        ).rows
        const byInv = Object.fromEntries(dates.map((r: any) => [r.inv, new Date(r.created_at).toISOString()]))
        expect(byInv).toEqual({
          "536365": "2010-12-01T08:26:00.000Z",
          "550000": "2011-04-15T08:30:00.000Z",
        })

        // Product facts: case-distinct codes, missing description, most frequent positive price.
        const products = (
          await knex.raw(
            `select p.handle, p.title, p.status, p.metadata, v.sku, pr.amount
               from product p join product_variant v on v.product_id = p.id
               join product_variant_price_set pvps on pvps.variant_id = v.id
               join price pr on pr.price_set_id = pvps.price_set_id and pr.currency_code = 'gbp'
              where p.handle in ('sc-85123a', 'sc-85123a-lc', 'sc-22139', 'sc-22745', 'sc-post')
              order by p.handle`
          )
        ).rows
        expect(
          products.map((p: any) => [
            p.handle,
            p.title,
            p.status,
            p.sku,
            Number(p.amount),
            p.metadata.missing_description ?? false,
            p.metadata.non_product ?? false,
          ])
        ).toEqual([
          ["sc-22139", "22139", "published", "22139", 0, true, false],
          ["sc-22745", "POPPY'S PLAYHOUSE BEDROOM", "published", "22745", 2.1, false, false],
          ["sc-85123a", "WHITE HANGING HEART T-LIGHT HOLDER", "published", "85123A", 2.55, false, false],
          ["sc-85123a-lc", "WHITE HANGING HEART T-LIGHT HOLDER", "published", "85123a", 2.55, false, false],
          // postage stays a product (its lines keep their link) but a draft, flagged
          ["sc-post", "POSTAGE", "draft", "POST", 18, false, true],
        ])

        // Line facts: zero price kept, cancellation quantities positive, row numbers, customer link.
        const lines = (
          await knex.raw(
            `select o.metadata->>'invoice_no' inv, li.unit_price, oi.quantity, li.metadata, o.customer_id, c.email
               from order_line_item li join order_item oi on oi.item_id = li.id
               join "order" o on o.id = oi.order_id left join customer c on c.id = o.customer_id
              where (li.metadata->>'row')::int in (13, 18, 27)
              order by (li.metadata->>'row')::int`
          )
        ).rows
        expect(
          lines.map((l: any) => [l.inv, Number(l.unit_price), Number(l.quantity), l.metadata.stock_code, l.email])
        ).toEqual([
          ["C536383", 1.85, 2, "22633", "customer-13047@online-retail.example"],
          ["536544", 0, 56, "22139", null],
          ["542000", 0, 6, "22745", "customer-13047@online-retail.example"],
        ])
        const address = (
          await knex.raw(
            `select a.country_code from "order" o join order_address a on a.id = o.shipping_address_id where o.metadata->>'invoice_no' = '536370'`
          )
        ).rows
        expect(address).toEqual([{ country_code: "fr" }])

        const second = await importOrderLines(container, { file: FIXTURE })
        expect(second).toEqual(
          expect.objectContaining({
            linesImported: 0,
            linesAlreadyPresent: 37,
            products: { created: 0, existing: 16 },
            customers: { created: 0, existing: 3 },
            orders: { created: 0, existing: 13 },
            guestOrders: { created: 0, existing: 2 },
            canceledOrders: { created: 0, existing: 1 },
            regionId: first.regionId,
            salesChannelId: first.salesChannelId,
          })
        )
        expect(await count(`select count(*) n from "order"`)).toBe(13)
        expect(await count(`select count(*) n from order_line_item`)).toBe(37)
        expect(await count(`select count(*) n from product`)).toBe(16)
        expect(await count(`select count(*) n from region where currency_code = 'gbp' and deleted_at is null`)).toBe(1)
      })

      it("writes the same rows as the order module's createOrders for the same input, with the COPY and the previous writer", async () => {
        const container = getContainer()
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const orderModule = container.resolve(Modules.ORDER)
        const summary = await importOrderLines(container, { file: FIXTURE })

        const products = new Map<string, any>()
        for (const p of (
          await knex.raw(
            `select p.id, p.handle, p.title, v.id variant_id, v.sku from product p join product_variant v on v.product_id = p.id`
          )
        ).rows) {
          products.set(p.sku, { productId: p.id, variantId: p.variant_id, title: p.title, handle: p.handle })
        }
        const customers = new Map<string, string>(
          (await knex.raw(`select id, metadata->>'source_customer_id' src from customer`)).rows.map((c: any) => [
            c.src,
            c.id,
          ])
        )
        // The fixture's invoice 536370 (rows 10-12), rebuilt exactly as the importer plans it.
        const invoice: PlannedInvoice = {
          invoiceNo: "536370",
          date: new Date("2010-12-01T08:45:00Z"),
          customerId: "12583",
          country: "France",
          canceled: false,
          lines: [
            { row: 10, stockCode: "22728", description: "ALARM CLOCK BAKELIKE PINK", quantity: 24, unitPrice: 3.75 },
            { row: 11, stockCode: "22727", description: "ALARM CLOCK BAKELIKE RED", quantity: 24, unitPrice: 3.75 },
            { row: 12, stockCode: "POST", description: "POSTAGE", quantity: 3, unitPrice: 18 },
          ],
        }
        const input = buildOrderInput(invoice, products, customers, {
          regionId: summary.regionId,
          salesChannelId: summary.salesChannelId,
        })
        const viaModule = (await orderModule.createOrders(input as any)) as unknown as { id: string }
        const [viaInsert] = await insertOrders(container, [input])
        // the importer's default writer is COPY: the order it wrote for 536370
        const [imported] = (
          await knex.raw(`select id from "order" where metadata->>'invoice_no' = '536370' and id not in (?, ?)`, [
            viaModule.id,
            viaInsert,
          ])
        ).rows

        const IGNORED = new Set([
          "id",
          "order_id",
          "item_id",
          "shipping_address_id",
          "display_id",
          "created_at",
          "updated_at",
        ])
        const rowsOf = async (orderId: string) => {
          const strip = (rows: any[]) =>
            rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !IGNORED.has(k))))
          const order = (await knex.raw(`select * from "order" where id = ?`, [orderId])).rows
          return {
            order: strip(order),
            created_at: new Date(order[0].created_at).toISOString(),
            address: strip(
              (
                await knex.raw(
                  `select a.* from order_address a join "order" o on o.shipping_address_id = a.id where o.id = ?`,
                  [orderId]
                )
              ).rows
            ),
            summary: strip((await knex.raw(`select * from order_summary where order_id = ?`, [orderId])).rows),
            items: strip(
              (
                await knex.raw(`select * from order_item where order_id = ? order by (metadata->>'row')::int`, [
                  orderId,
                ])
              ).rows
            ),
            lines: strip(
              (
                await knex.raw(
                  `select li.* from order_line_item li join order_item oi on oi.item_id = li.id where oi.order_id = ? order by (li.metadata->>'row')::int`,
                  [orderId]
                )
              ).rows
            ),
          }
        }
        const a = await rowsOf(imported.id)
        const b = await rowsOf(viaModule.id)
        expect(summary.writer).toBe("copy")
        expect(a).toEqual(b)
        expect(await rowsOf(viaInsert)).toEqual(b)
        expect((a.summary[0] as any).totals.current_order_total).toBe(234)

        // And the order module reads the imported order like any other.
        const read = await orderModule.retrieveOrder(imported.id, { relations: ["items", "summary"] })
        expect(read.items).toHaveLength(3)
        expect(Number((read.summary as any).current_order_total)).toBe(234)
      })

      it("rejects a malformed file naming the line and field, and imports nothing", async () => {
        const container = getContainer()
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const before = Number((await knex.raw(`select count(*) n from "order"`)).rows[0].n)
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-"))

        const badDate = path.join(dir, "bad-date.csv")
        fs.writeFileSync(
          badDate,
          [
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "900001,X1,THING,1,2011-01-01T10:00:00,1.00,99999,United Kingdom",
            "900001,X2,OTHER THING,2,yesterday,1.00,99999,United Kingdom",
          ].join("\n")
        )
        const e1 = await importOrderLines(container, { file: badDate }).catch((e) => e)
        expect(e1.message).toContain("line 3")
        expect(e1.message).toContain("InvoiceDate")

        const noInvoice = path.join(dir, "no-invoice.csv")
        fs.writeFileSync(
          noInvoice,
          [
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "900002,X1,THING,1,2011-01-01T10:00:00,1.00,99999,United Kingdom",
            "900002,X1,THING,abc,2011-01-01T10:00:00,1.00,99999,United Kingdom",
            ",X1,THING,1,2011-01-01T10:00:00,1.00,99999,United Kingdom",
          ].join("\n")
        )
        const e2 = await importOrderLines(container, { file: noInvoice }).catch((e) => e)
        expect(e2.message).toMatch(/line 3, field Quantity/)

        const badHeader = path.join(dir, "bad-header.csv")
        fs.writeFileSync(badHeader, "Invoice,StockCode,Description\n1,2,3\n")
        const e3 = await importOrderLines(container, { file: badHeader }).catch((e) => e)
        expect(e3.message).toMatch(/line 1, field header: wrong header/)

        const after = Number((await knex.raw(`select count(*) n from "order"`)).rows[0].n)
        expect(after).toBe(before)
        expect(Number((await knex.raw(`select count(*) n from product where handle like 'sc-x%'`)).rows[0].n)).toBe(0)
      })

      it("imports a file with the UCI Online Retail II header (Invoice, Price, Customer ID)", async () => {
        const container = getContainer()
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const file = csvFile("online-retail-ii.csv", [
          "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country",
          "920001,Y1,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085.0,United Kingdom",
          "920001,Y2,PINK CHERRY LIGHTS,12,2009-12-01 07:45:00,6.75,13085.0,United Kingdom",
        ])
        const summary = await importOrderLines(container, { file })
        expect(summary).toEqual(expect.objectContaining({ invoices: 1, linesImported: 2 }))
        const { rows } = await knex.raw(
          `select count(*)::int n, min(o.created_at) at from "order" o where o.metadata->>'invoice_no' = '920001'`
        )
        expect(rows[0].n).toBe(1)
        expect(new Date(rows[0].at).toISOString()).toBe("2009-12-01T07:45:00.000Z")
      })

      it("gives eval:recommendations the purchases the store's PURCHASE_LINES read after importing the same file", async () => {
        const container = getContainer()
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const file = csvFile("reading.csv", [
          "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
          // British Summer Time, an id written as a float, an invoice whose first line is not first in the file
          "930001,QA1,LIGHTS,2,2011-07-01T10:01:00,1.5,40001.0,United Kingdom",
          "930001,QA2,CANDLE,1,2011-07-01T10:00:00,1.5,40001.0,United Kingdom",
          "930001,POST,POSTAGE,1,2011-07-01T10:00:00,18,40001.0,United Kingdom",
          // a line without a customer in an invoice with one; a code that differs only by case; past
          // midnight in summer, so the day before in UTC
          "930002,qa1,LIGHTS SMALL,3,2011-07-02T00:30:00,1.5,,United Kingdom",
          "930002,QA1,LIGHTS,1,2011-07-02T00:30:00,1.5,40002,United Kingdom",
          "C930003,QA1,LIGHTS,-1,2011-07-03T09:00:00,1.5,40001,United Kingdom",
          // a negative quantity outside a cancellation: stored as its absolute value, counted
          "930004,QA2,CANDLE,-2,2011-07-04T09:00:00,1.5,40001,United Kingdom",
          "930004,QA3,NOTHING,0,2011-07-04T09:00:00,1.5,40001,United Kingdom",
          "930005,QA3,GUEST ONLY,1,2011-07-05T09:00:00,1.5,,United Kingdom",
          "930006,QA3,WINTER,1,2011-12-05T09:00:00,1.5,40003,France",
        ])
        const { lines } = await readLines(file)
        await importOrderLines(container, { file })
        const { rows } = await knex.raw(
          `select o.metadata->>'source_customer_id' as customer, li.variant_sku as code, o.created_at as at
           ${PURCHASE_LINES} and o.metadata->>'invoice_no' like '%93000%'`
        )
        const store = rows.map((r: any) => `${r.customer} ${r.code} ${new Date(r.at).toISOString()}`).sort()
        expect(lines.map((l) => `${l.customer} ${l.code} ${l.date.toISOString()}`).sort()).toEqual(store)
        expect(store).toEqual([
          "40001 QA1 2011-07-01T09:00:00.000Z",
          "40001 QA2 2011-07-01T09:00:00.000Z",
          "40001 QA2 2011-07-04T08:00:00.000Z",
          "40002 QA1 2011-07-01T23:30:00.000Z",
          "40002 qa1 2011-07-01T23:30:00.000Z",
          "40003 QA3 2011-12-05T09:00:00.000Z",
        ])
      })

      it("gives eval:recommendations the purchases PURCHASE_LINES read, on generated files (ids, codes, titles, quantities, times)", async () => {
        const container = getContainer()
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        let run = 0
        const line = fc.record({
          invoice: fc.integer({ min: 0, max: 3 }),
          code: fc.constantFrom("A", "a", "B", "POST", " dot", "gift_0001_20"),
          description: fc.constantFrom("LIGHTS", "CANDLE", "postage", " POSTAGE ", "Carriage", "", "\tMANUAL"),
          quantity: fc.integer({ min: -3, max: 5 }),
          at: fc
            .date({ min: new Date("2011-01-01T00:00:00Z"), max: new Date("2011-12-31T23:59:00Z"), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 19)),
          customer: fc.constantFrom("", "5001", "5001.0", "5002.00", "abc-1", " 5003 "),
        })
        const file = fc.record({
          lines: fc.array(line, { minLength: 1, maxLength: 12 }),
          canceled: fc.array(fc.constantFrom("", "C", "c"), { minLength: 4, maxLength: 4 }),
        })
        await fc.assert(
          fc.asyncProperty(file, async ({ lines, canceled }) => {
            run++
            // this run's own invoices and product codes (codes of the non-product list are shared: the rule reads the code)
            const invoice = (i: number) => `${canceled[i]}95${String(run).padStart(3, "0")}${i}`
            const code = (c: string) => (/^[ab]$/i.test(c) ? `G${run}${c}` : c)
            const rows = lines.map(
              (l) =>
                `${invoice(l.invoice)},${code(l.code)},${l.description},${l.quantity},${l.at},1.5,${l.customer},France`
            )
            const path = csvFile(`generated-${run}.csv`, [
              "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
              ...rows,
            ])
            const evaluated = (await readLines(path)).lines.map(
              (l) => `${l.customer} ${l.code} ${l.date.toISOString()}`
            )
            await importOrderLines(container, { file: path })
            const { rows: stored } = await knex.raw(
              `select o.metadata->>'source_customer_id' as customer, li.variant_sku as code, o.created_at as at
               ${PURCHASE_LINES} and o.metadata->>'invoice_no' = any(?)`,
              [[0, 1, 2, 3].map(invoice)]
            )
            expect(evaluated.sort()).toEqual(
              stored.map((r: any) => `${r.customer} ${r.code} ${new Date(r.at).toISOString()}`).sort()
            )
          }),
          { numRuns: 25 }
        )
      })

      it("validates the whole file before writing (a malformed last row imports nothing), then streams it again in batches", async () => {
        const container = getContainer()
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const count = async (sql: string) => Number((await knex.raw(sql)).rows[0].n)
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-"))
        const header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
        // 30 invoices of 2 lines each, every invoice's second line 30 rows after its first.
        const rows = [0, 1].flatMap((half) =>
          Array.from(
            { length: 30 },
            (_, i) =>
              `9100${String(i).padStart(2, "0")},Z${half}${i % 5},THING ${half}${i % 5},${i + 1},2011-02-0${(i % 9) + 1}T10:00:00,1.50,${70000 + (i % 7)},United Kingdom`
          )
        )
        const late = path.join(dir, "late-error.csv")
        fs.writeFileSync(
          late,
          [header, ...rows, "910000,Z00,THING,1,2011-02-01T10:00:00,not-a-price,70000,United Kingdom"].join("\n")
        )
        const e = await importOrderLines(container, { file: late, batchSize: 2 }).catch((e) => e)
        expect(e.message).toBe('line 62, field UnitPrice: "not-a-price" is not a number')
        expect(await count(`select count(*) n from "order" where metadata->>'invoice_no' like '9100%'`)).toBe(0)
        expect(await count(`select count(*) n from product where handle like 'sc-z%'`)).toBe(0)
        expect(await count(`select count(*) n from customer where email like 'customer-7000_@%'`)).toBe(0)

        const good = path.join(dir, "interleaved.csv")
        fs.writeFileSync(good, [header, ...rows].join("\n"))
        const batches: number[] = []
        const summary = await importOrderLines(container, {
          file: good,
          batchSize: 4,
          onProgress: (p) => {
            if (p.phase === "orders") batches.push(p.done)
          },
        })
        expect(summary).toEqual(
          expect.objectContaining({ invoices: 30, linesImported: 60, orders: { created: 30, existing: 0 } })
        )
        // written 4 invoices at a time as pass 2 completes them (two batches are in flight at once, so
        // the last, short batch may finish before the one before it)
        const sizes = batches.map((done, i) => done - (i ? batches[i - 1] : 0))
        expect([...sizes].sort((a, b) => a - b)).toEqual([2, 4, 4, 4, 4, 4, 4, 4])
        expect(batches[batches.length - 1]).toBe(30)
        const lines = (
          await knex.raw(
            `select o.metadata->>'invoice_no' inv, array_agg((li.metadata->>'row')::int order by (li.metadata->>'row')::int) r
               from "order" o join order_item oi on oi.order_id = o.id join order_line_item li on li.id = oi.item_id
              where o.metadata->>'invoice_no' like '9100%' group by 1 order by 1`
          )
        ).rows
        expect(lines).toHaveLength(30)
        expect(lines[0]).toEqual({ inv: "910000", r: [2, 32] })
        expect(lines[29]).toEqual({ inv: "910029", r: [31, 61] })
      })

      it("shows the imported products in GET /store/products with GBP prices, and no postage or fees", async () => {
        const container = getContainer()
        const summary = await importOrderLines(container, { file: FIXTURE })
        const { result: keys } = await createApiKeysWorkflow(container).run({
          input: { api_keys: [{ title: "importer test", type: "publishable", created_by: "" }] },
        })
        await linkSalesChannelsToApiKeyWorkflow(container).run({
          input: { id: keys[0].id, add: [summary.salesChannelId] },
        })
        const response = await api.get(
          `/store/products?limit=50&region_id=${summary.regionId}&fields=handle,title,*variants.calculated_price`,
          { headers: { "x-publishable-api-key": keys[0].token } }
        )
        expect(response.status).toBe(200)
        // 16 products, of which POST and M (postage, manual adjustment) are drafts: never offered for sale
        expect(response.data.count).toBe(14)
        const byHandle = Object.fromEntries(
          response.data.products.map((p: any) => [p.handle, p.variants[0].calculated_price])
        )
        expect(byHandle["sc-85123a"]).toEqual(
          expect.objectContaining({ currency_code: "gbp", calculated_amount: 2.55 })
        )
        expect(byHandle["sc-post"]).toBeUndefined()
        expect(byHandle["sc-m"]).toBeUndefined()
      })
    })
  },
})
