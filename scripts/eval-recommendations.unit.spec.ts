import fs from "fs"
import os from "os"
import path from "path"
import zlib from "zlib"
import fc from "fast-check"
import { checkCut, defaultCut, DEFAULT_TEST_WEEKS, parseCut, readLines } from "./eval-recommendations"
import { NON_PRODUCT_CODES } from "../src/utils/non-product"
import { parseOrderLine } from "./import/csv"

const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"

function file(rows: string[], name = "lines.csv"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eval-lines-"))
  const p = path.join(dir, name)
  const text = [HEADER, ...rows].join("\n")
  fs.writeFileSync(p, name.endsWith(".gz") ? zlib.gzipSync(text) : text)
  return p
}

describe("readLines (the evaluator's purchases)", () => {
  it("keeps products of any code shape and drops what the store does not count", async () => {
    const p = file([
      "1,85123A,WHITE HANGING HEART,6,2010-12-01T08:26:00,2.55,17850,United Kingdom",
      "2,SKU-1,Oat milk,1,2010-12-01T09:00:00,1.5,17850.0,United Kingdom",
      "3,1234,Bananas,2,2010-12-01 10:00:00,0.5,c-9,United Kingdom",
      "4,POST,POSTAGE,1,2010-12-01T08:26:00,18,17850,France",
      "5,X9,Postage,1,2010-12-01T08:26:00,18,17850,France",
      "6,gift_0001_20,voucher,1,2010-12-01T08:26:00,20,17850,United Kingdom",
      "C7,85123A,WHITE HANGING HEART,-1,2010-12-02T08:26:00,2.55,17850,United Kingdom",
      "c8,85123A,WHITE HANGING HEART,1,2010-12-02T08:26:00,2.55,17850,United Kingdom",
      "9,85123A,WHITE HANGING HEART,6,2010-12-01T08:26:00,2.55,,United Kingdom",
      "10,85123A,WHITE HANGING HEART,0,2010-12-01T08:26:00,2.55,17850,United Kingdom",
      "11,,no code,1,2010-12-01T08:26:00,2.55,17850,United Kingdom",
    ])
    const { lines, skipped } = await readLines(p)
    expect(lines.map((l) => [l.invoice, l.code, l.customer])).toEqual([
      ["1", "85123A", "17850"],
      ["2", "SKU-1", "17850"],
      ["3", "1234", "c-9"],
    ])
    expect(lines[2].date.toISOString()).toBe("2010-12-01T10:00:00.000Z")
    expect(skipped).toEqual({ guest: 1, cancellation: 2, non_product: 4, zero_quantity: 1 })
  })

  it("names the line of a date it cannot read instead of using an invalid date", async () => {
    const p = file([
      "1,85123A,A,6,2010-12-01T08:26:00,2.55,17850,United Kingdom",
      "2,85123A,A,6,yesterday,2.55,17850,United Kingdom",
    ])
    await expect(readLines(p)).rejects.toThrow(/line 3, field InvoiceDate: "yesterday"/)
  })

  it("reads a gzipped file, columns by name, with a Category column", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eval-lines-"))
    const p = path.join(dir, "x.csv.gz")
    fs.writeFileSync(
      p,
      zlib.gzipSync(
        "CustomerID,InvoiceDate,StockCode,InvoiceNo,Quantity,Category\n5,2011-01-02T10:00:00,a1,9,1,Dairy|Milk\n"
      )
    )
    const { lines } = await readLines(p)
    expect(lines).toEqual([
      {
        invoice: "9",
        code: "a1",
        quantity: 1,
        date: new Date("2011-01-02T10:00:00Z"),
        customer: "5",
        category: "Dairy|Milk",
      },
    ])
  })

  it("reads the UCI Online Retail II header (Invoice, Price, Customer ID) and names a missing column", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eval-lines-"))
    const p = path.join(dir, "ii.csv")
    fs.writeFileSync(
      p,
      "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n" +
        "489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085.0,United Kingdom\n" +
        "C489449,22087,PAPER BUNTING WHITE LACE,-12,2009-12-01 10:33:00,2.95,16321.0,Australia\n"
    )
    const { lines, skipped } = await readLines(p)
    expect(lines).toEqual([
      { invoice: "489434", code: "85048", quantity: 12, date: new Date("2009-12-01T07:45:00Z"), customer: "13085" },
    ])
    expect(skipped.cancellation).toBe(1)
    const q = path.join(dir, "no-customer.csv")
    fs.writeFileSync(q, "Invoice,StockCode,Quantity,InvoiceDate\n1,85048,1,2009-12-01 07:45:00\n")
    await expect(readLines(q)).rejects.toThrow("missing column CustomerID or Customer ID")
  })

  it("reads ids, quantities and times as the importer does, and refuses what it refuses, on any line", async () => {
    const p = file([
      // British Summer Time: the importer reads wall-clock UK time, so 10:00 is 09:00 UTC
      "1,85123A,A,6,2011-07-01T10:00:00,2.55,17850.00,United Kingdom",
      "2,85123A,A,6,7/1/2011 10:30,2.55,17851,United Kingdom",
    ])
    const { lines } = await readLines(p)
    expect(lines.map((l) => [l.customer, l.date.toISOString()])).toEqual([
      ["17850", "2011-07-01T09:00:00.000Z"],
      ["17851", "2011-07-01T09:30:00.000Z"],
    ])
    const refused: [string, RegExp][] = [
      ["1,85123A,A,6,2011-07-01T10:00:00,2.55,17 850,United Kingdom", /line 2, field CustomerID: "17 850"/],
      ["1,85123A,A,1.5,2011-07-01T10:00:00,2.55,17850,United Kingdom", /line 2, field Quantity: "1.5"/],
      // a guest line's unreadable date refuses the file in the importer, so here too
      ["1,85123A,A,6,2011-02-30T10:00:00,2.55,,United Kingdom", /line 2, field InvoiceDate: "2011-02-30T10:00:00"/],
    ]
    for (const [row, message] of refused) {
      await expect(readLines(file([row]))).rejects.toThrow(message)
    }
  })

  it("dates each line at its invoice's first line and gives it the invoice's customer, as the importer's order (quantities as stored)", async () => {
    const p = file([
      "1,85123A,A,6,2010-12-01T08:27:00,2.55,17850,United Kingdom",
      "1,22423,B,1,2010-12-01T08:26:00,2.55,,United Kingdom",
      "2,85123a,C,1,2010-12-02T08:26:00,2.55,,United Kingdom",
      "2,85123A,A,1,2010-12-02T08:26:00,2.55,12,United Kingdom",
      "3,85123A,A,-2,2010-12-03T08:26:00,2.55,12,United Kingdom",
    ])
    const { lines, skipped } = await readLines(p)
    expect(lines.map((l) => [l.invoice, l.code, l.customer, l.date.toISOString()])).toEqual([
      ["1", "85123A", "17850", "2010-12-01T08:26:00.000Z"],
      ["1", "22423", "17850", "2010-12-01T08:26:00.000Z"],
      ["2", "85123a", "12", "2010-12-02T08:26:00.000Z"],
      ["2", "85123A", "12", "2010-12-02T08:26:00.000Z"],
      ["3", "85123A", "12", "2010-12-03T08:26:00.000Z"],
    ])
    // the importer stores a negative quantity outside a cancellation as its absolute value
    expect(lines[4].quantity).toBe(2)
    expect(skipped.guest).toBe(0)
  })

  it("gives every kept line the importer's customer, quantity and instant (generated lines)", async () => {
    const id = fc.oneof(
      fc.integer({ min: 1, max: 99999 }).map(String),
      fc
        .tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 1, max: 3 }))
        .map(([n, z]) => `${n}.${"0".repeat(z)}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/)
    )
    const when = fc
      .date({ min: new Date("2009-01-01T00:00:00Z"), max: new Date("2012-12-31T23:59:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 19))
    const row = fc.tuple(id, fc.integer({ min: 1, max: 500 }), when)
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 15 }), async (rows) => {
        const csv = rows.map(([c, q, t], i) => `${i + 1},85123A,A,${q},${t},2.55,${c},United Kingdom`)
        const { lines } = await readLines(file(csv))
        const imported = csv.map((r, i) => parseOrderLine(r.split(","), i + 2))
        expect(lines.map((l) => [l.customer, l.quantity, l.date.toISOString()])).toEqual(
          imported.map((r) => [r.customerId, r.quantity, r.invoiceDate.toISOString()])
        )
      }),
      { numRuns: 100 }
    )
  })

  it("keeps every line of a counted purchase whose code is not a non-product code (generated codes)", async () => {
    const code = fc
      .string({ minLength: 1, maxLength: 10 })
      .filter((s) => /^[A-Za-z0-9-]+$/.test(s) && !NON_PRODUCT_CODES.includes(s.toUpperCase()) && !/^gift_/i.test(s))
    await fc.assert(
      fc.asyncProperty(fc.array(code, { minLength: 1, maxLength: 20 }), async (codes) => {
        const p = file(codes.map((c, i) => `${i + 1},${c},Item,1,2011-01-02T10:00:00,1,${100 + i},United Kingdom`))
        const { lines } = await readLines(p)
        expect(lines.map((l) => l.code)).toEqual(codes)
      }),
      { numRuns: 50 }
    )
  })
})

describe("the cut", () => {
  const at = (d: string) => ({ at: new Date(`${d}Z`) })

  it.each([
    // the datasets' main cuts, from their last purchases
    ["2011-12-09T12:50:00", "2011-09-01"],
    ["2017-12-31T23:59:00", "2017-10-01"],
    ["2010-12-09T20:01:00", "2010-09-01"],
    ["2015-03-31T10:00:00", "2014-12-01"],
  ])("last purchase %s -> default cut %s", (last, cut) => {
    expect(
      defaultCut([at("2009-01-01T00:00:00"), at(last)])
        .toISOString()
        .slice(0, 10)
    ).toBe(cut)
  })

  it.each([
    // a file of a few weeks: the last quarter of its span is the test
    ["2017-01-01T07:30:00", "2017-01-15T20:00:00", "2017-01-12"],
    ["2010-12-01T08:26:00", "2011-01-17T15:00:00", "2011-01-05"],
    // a history shorter than the test before the monthly cut
    ["2011-06-15T10:00:00", "2011-12-09T12:50:00", "2011-10-26"],
    // two days: the midnight between them
    ["2011-06-15T10:00:00", "2011-06-16T09:00:00", "2011-06-16"],
  ])("a short file from %s to %s -> default cut %s", (first, last, cut) => {
    const purchases = [at(first), at(last)]
    expect(defaultCut(purchases).toISOString().slice(0, 10)).toBe(cut)
    expect(() => checkCut(purchases, defaultCut(purchases))).not.toThrow()
  })

  it("is a UTC midnight inside the file whose span covers two days; the first of a month 13 to 17.5 weeks before the last purchase when the history is at least as long as the test (generated)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }), {
          minLength: 1,
          maxLength: 20,
        }),
        (dates) => {
          const purchases = dates.map((d) => ({ at: d }))
          const cut = defaultCut(purchases)
          const first = Math.min(...dates.map((d) => d.getTime()))
          const last = Math.max(...dates.map((d) => d.getTime()))
          const day = 86400000
          expect(cut.getTime() % day).toBe(0)
          if (Math.floor(last / day) > Math.floor(first / day)) {
            expect(() => checkCut(purchases, cut)).not.toThrow()
          }
          const weeks = (last - cut.getTime()) / (7 * day)
          if (cut.getUTCDate() === 1 && cut.getTime() - first >= last - cut.getTime() && weeks >= DEFAULT_TEST_WEEKS) {
            expect(weeks).toBeLessThan(DEFAULT_TEST_WEEKS + 31 / 7)
          }
          if (last - first >= 2 * (DEFAULT_TEST_WEEKS + 31 / 7) * 7 * day) {
            // long enough that the monthly cut always leaves more history than test
            expect(cut.getUTCDate()).toBe(1)
            expect(weeks).toBeGreaterThanOrEqual(DEFAULT_TEST_WEEKS)
            expect(weeks).toBeLessThan(DEFAULT_TEST_WEEKS + 31 / 7)
          }
        }
      )
    )
  })

  it("refuses a cut that leaves no history or no test, naming the file's span", () => {
    const p = [at("2010-12-01T08:00:00"), at("2011-12-09T12:00:00")]
    expect(() => checkCut(p, new Date("2011-06-01T00:00:00Z"))).not.toThrow()
    expect(() => checkCut(p, new Date("2010-12-01T00:00:00Z"))).toThrow(
      "--cut 2010-12-01 leaves no history: the file's purchases run from 2010-12-01 to 2011-12-09"
    )
    expect(() => checkCut(p, new Date("2012-01-01T00:00:00Z"))).toThrow("--cut 2012-01-01 leaves no test")
    expect(() => checkCut([], new Date("2012-01-01T00:00:00Z"))).toThrow("no purchases")
  })

  it.each(["2011-9-1", "2011-02-30", "yesterday", "2011-09-01T00:00", ""])("--cut %j is refused", (v) => {
    expect(() => parseCut(v)).toThrow(`--cut must be a date YYYY-MM-DD, got "${v}"`)
  })
})
