import fs from "fs"
import os from "os"
import path from "path"
import zlib from "zlib"
import fc from "fast-check"
import { readLines } from "./eval-recommendations"
import { NON_PRODUCT_CODES } from "../src/utils/non-product"

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
    expect(skipped).toEqual({ guest: 1, cancellation: 2, non_product: 4, non_positive_quantity: 1 })
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
        code: "A1",
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

  it("keeps every line of a counted purchase whose code is not a non-product code (generated codes)", async () => {
    const code = fc
      .string({ minLength: 1, maxLength: 10 })
      .filter((s) => /^[A-Za-z0-9-]+$/.test(s) && !NON_PRODUCT_CODES.includes(s.toUpperCase()) && !/^gift_/i.test(s))
    await fc.assert(
      fc.asyncProperty(fc.array(code, { minLength: 1, maxLength: 20 }), async (codes) => {
        const p = file(codes.map((c, i) => `${i + 1},${c},Item,1,2011-01-02T10:00:00,1,${100 + i},United Kingdom`))
        const { lines } = await readLines(p)
        expect(lines.map((l) => l.code)).toEqual(codes.map((c) => c.toUpperCase()))
      }),
      { numRuns: 50 }
    )
  })
})
