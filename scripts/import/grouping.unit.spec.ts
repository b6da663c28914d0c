import { parseOrderLine } from "./csv"
import {
  ImportPlanBuilder,
  assertUniqueHandles,
  chunk,
  countryCode,
  emailForCustomer,
  handleForStockCode,
  mostFrequent,
} from "./grouping"

describe("handleForStockCode", () => {
  it.each([
    ["85123A", "sc-85123a"],
    ["85123a", "sc-85123a-lc"],
    ["POST", "sc-post"],
    ["BANK CHARGES", "sc-bank-charges"],
    ["DCGS0076", "sc-dcgs0076"],
    ["gift_0001_10", "sc-gift-0001-10-lc"],
    [" M ", "sc-m"],
  ])("%j -> %s", (code, handle) => {
    expect(handleForStockCode(code)).toBe(handle)
  })
})

describe("countryCode", () => {
  it.each([
    ["United Kingdom", "gb"],
    ["EIRE", "ie"],
    ["RSA", "za"],
    ["USA", "us"],
    ["Channel Islands", null],
    ["European Community", null],
    ["Unspecified", null],
    [null, null],
  ])("%j -> %j", (name, code) => {
    expect(countryCode(name)).toBe(code)
  })
})

describe("small helpers", () => {
  it("emailForCustomer", () => {
    expect(emailForCustomer("17850")).toBe("customer-17850@online-retail.example")
  })
  it("mostFrequent takes the first key on ties", () => {
    expect(
      mostFrequent(
        new Map([
          ["a", 1],
          ["b", 2],
          ["c", 2],
        ])
      )
    ).toBe("b")
    expect(mostFrequent(new Map())).toBeUndefined()
  })
  it("chunk", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
  })
  it("assertUniqueHandles names both codes", () => {
    const p = (stockCode: string, handle: string) => ({
      stockCode,
      handle,
      title: stockCode,
      missingDescription: false,
      price: 1,
      missingPrice: false,
      rows: 1,
    })
    expect(() => assertUniqueHandles([p("A-1", "sc-a-1"), p("A 1", "sc-a-1")])).toThrow('"A-1" and "A 1"')
  })
})

describe("ImportPlanBuilder", () => {
  const rows = [
    // InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country
    ["1001", "A", "APPLE", "2", "2011-01-01T10:00:00", "1.00", "7", "France"],
    ["1001", "B", "", "1", "2011-01-01T10:01:00", "0", "7", "France"],
    ["1002", "A", "APPLE RED", "1", "2011-01-02T10:00:00", "1.50", "", "United Kingdom"],
    ["1003", "A", "APPLE", "1", "2011-01-03T10:00:00", "1.00", "8", "Germany"],
    ["C1004", "A", "APPLE", "-2", "2011-01-04T10:00:00", "1.00", "7", "United Kingdom"],
    ["1001", "A", "APPLE", "3", "2011-01-01T09:59:00", "1.50", "7", "France"],
    ["1005", "", "NO CODE", "1", "2011-01-05T10:00:00", "1.00", "7", "France"],
  ]
  const builder = new ImportPlanBuilder()
  rows.forEach((r, i) => builder.add(parseOrderLine(r, i + 2)))

  it("counts rows and skips rows without a StockCode", () => {
    expect(builder.rowsRead).toBe(7)
    expect(builder.skipped).toEqual({ "missing StockCode": 1 })
  })

  it("makes one product per code with the most frequent description and positive price", () => {
    expect(builder.productList()).toEqual([
      {
        stockCode: "A",
        handle: "sc-a",
        title: "APPLE",
        missingDescription: false,
        price: 1,
        missingPrice: false,
        rows: 5,
      },
      { stockCode: "B", handle: "sc-b", title: "B", missingDescription: true, price: 0, missingPrice: true, rows: 1 },
    ])
  })

  it("makes one customer per id with the most frequent country", () => {
    expect(builder.customerList()).toEqual([
      { customerId: "7", email: "customer-7@online-retail.example", country: "France", countryCode: "fr" },
      { customerId: "8", email: "customer-8@online-retail.example", country: "Germany", countryCode: "de" },
    ])
  })

  it("groups non-contiguous invoice lines, dates an invoice at its first line, flags guests and cancellations", () => {
    const invoices = builder.invoiceList()
    expect(
      invoices.map((i) => [i.invoiceNo, i.customerId, i.canceled, i.lines.map((l) => l.row), i.date.toISOString()])
    ).toEqual([
      ["1001", "7", false, [2, 3, 7], "2011-01-01T09:59:00.000Z"],
      ["1002", null, false, [4], "2011-01-02T10:00:00.000Z"],
      ["1003", "8", false, [5], "2011-01-03T10:00:00.000Z"],
      ["C1004", "7", true, [6], "2011-01-04T10:00:00.000Z"],
    ])
  })
})
