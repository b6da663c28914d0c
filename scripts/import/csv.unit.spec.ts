import { ImportFileError, parseCsvRecord, parseInvoiceDate, parseOrderLine, validateHeader } from "./csv"

describe("parseCsvRecord", () => {
  it.each([
    ["a,b,c", ["a", "b", "c"]],
    ["a,,c", ["a", "", "c"]],
    ['1,"HOME BUILDING BLOCK WORD, LARGE",3', ["1", "HOME BUILDING BLOCK WORD, LARGE", "3"]],
    ['1,"SAY ""HELLO""",3', ["1", 'SAY "HELLO"', "3"]],
    ["a,b\r", ["a", "b"]],
    ["", [""]],
    ['1,"open', null],
  ])("%j -> %j", (text, expected) => {
    expect(parseCsvRecord(text)).toEqual(expected)
  })
})

describe("validateHeader", () => {
  const header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
  it.each([
    [header, null],
    ["\uFEFF" + header, null],
    // UCI Online Retail II names three columns differently
    ["Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country", null],
    [header.replace("InvoiceNo", "Invoice_No"), /column 1 should be "InvoiceNo" or "Invoice" but is "Invoice_No"/],
    [header.replace("CustomerID", "Customer"), /column 7 should be "CustomerID" or "Customer ID"/],
    ["InvoiceNo,StockCode", /column 3 should be "Description"/],
    [header + ",Extra", /extra columns: Extra/],
  ])("%j", (text, error) => {
    const run = () => validateHeader(parseCsvRecord(text)!)
    if (error) {
      expect(run).toThrow(error)
    } else {
      expect(run).not.toThrow()
    }
  })
})

describe("parseInvoiceDate (UK local time -> UTC)", () => {
  it.each([
    ["2010-12-01T08:26:00", "2010-12-01T08:26:00.000Z"], // GMT
    ["2011-04-15T09:30:00", "2011-04-15T08:30:00.000Z"], // BST
    ["2011-03-27T00:30:00", "2011-03-27T00:30:00.000Z"], // before the switch (01:00 UTC)
    ["2011-03-27T02:30:00", "2011-03-27T01:30:00.000Z"], // after the switch
    ["2011-10-30T00:30:00", "2011-10-29T23:30:00.000Z"], // still BST
    ["2011-10-30T02:00:00", "2011-10-30T02:00:00.000Z"], // GMT again
    ["2011-12-09 12:50", "2011-12-09T12:50:00.000Z"],
    ["12/1/2010 8:26", "2010-12-01T08:26:00.000Z"], // original UCI format
  ])("%s -> %s", (text, iso) => {
    expect(parseInvoiceDate(text).toISOString()).toBe(iso)
  })

  it.each(["yesterday", "2011-02-30T10:00:00", "2011-13-01T10:00:00", "2011-01-01T25:00:00", ""])(
    "rejects %j naming the line and field",
    (text) => {
      const e = (() => {
        try {
          parseInvoiceDate(text, 7)
        } catch (err) {
          return err
        }
      })() as ImportFileError
      expect(e).toBeInstanceOf(ImportFileError)
      expect(e.line).toBe(7)
      expect(e.field).toBe("InvoiceDate")
    }
  )
})

describe("parseOrderLine", () => {
  const ok = ["536365", "85123A", "WHITE HEART", "6", "2010-12-01T08:26:00", "2.55", "17850", "United Kingdom"]

  it("returns a typed row", () => {
    expect(parseOrderLine(ok, 2)).toEqual({
      row: 2,
      invoiceNo: "536365",
      stockCode: "85123A",
      description: "WHITE HEART",
      quantity: 6,
      invoiceDate: new Date("2010-12-01T08:26:00Z"),
      unitPrice: 2.55,
      customerId: "17850",
      country: "United Kingdom",
    })
  })

  it("keeps gaps as nulls and negative numbers as they are", () => {
    const row = parseOrderLine(["C536379", "D", "", "-1", "2010-12-01T09:41:00", "-27.5", "", ""], 9)
    expect(row).toMatchObject({ description: null, customerId: null, country: null, quantity: -1, unitPrice: -27.5 })
  })

  it("normalises float-looking customer ids", () => {
    expect(parseOrderLine([...ok.slice(0, 6), "17850.0", "UK"], 3).customerId).toBe("17850")
  })

  it.each([
    [0, "", "InvoiceNo", /is missing/],
    [3, "six", "Quantity", /"six" is not a number/],
    [3, "1.5", "Quantity", /not an integer/],
    [5, "2,55", "UnitPrice", /not a number/],
    [5, "", "UnitPrice", /is missing/],
    [4, "31/01/2011 10:00", "InvoiceDate", /not a date/],
    [6, "17 850", "CustomerID", /not a valid id/],
  ])("field %i = %j -> error on %s", (index, value, field, message) => {
    const fields = [...ok]
    fields[index] = value
    let error: ImportFileError | undefined
    try {
      parseOrderLine(fields, 42)
    } catch (e) {
      error = e as ImportFileError
    }
    expect(error).toBeInstanceOf(ImportFileError)
    expect(error!.message).toMatch(new RegExp(`^line 42, field ${field}: `))
    expect(error!.message).toMatch(message)
  })

  it("rejects a wrong number of fields", () => {
    expect(() => parseOrderLine(ok.slice(0, 7), 5)).toThrow("line 5: expected 8 fields but found 7")
  })
})
