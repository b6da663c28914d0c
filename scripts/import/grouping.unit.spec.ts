import { parseOrderLine } from "./csv"
import { OrderLineRow } from "./csv"
import {
  ImportIndexBuilder,
  ImportPlanBuilder,
  PlannedInvoice,
  assembleInvoices,
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

// InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country
const INTERLEAVED = [
  ["1001", "A", "APPLE", "2", "2011-01-01T10:00:00", "1.00", "", "France"],
  ["1002", "A", "APPLE", "1", "2011-01-02T10:00:00", "1.50", "", "United Kingdom"],
  ["1001", "B", "", "1", "2011-01-01T09:59:00", "0", "7", "Germany"],
  ["1003", "", "NO CODE", "1", "2011-01-05T10:00:00", "1.00", "7", "France"],
  ["1003", "A", "APPLE", "1", "2011-01-03T10:00:00", "1.00", "8", "Germany"],
  ["1002", "B", "BANANA", "4", "2011-01-02T10:00:00", "1.00", "", "United Kingdom"],
  ["C1004", "A", "APPLE", "-2", "2011-01-04T10:00:00", "1.00", "7", "United Kingdom"],
].map((r, i) => parseOrderLine(r, i + 2))

/** Rows as a stream that records how many rows have been pulled from it. */
function streamOf(rows: OrderLineRow[]) {
  const pulled = { count: 0 }
  async function* gen() {
    for (const row of rows) {
      pulled.count++
      yield row
    }
  }
  return { rows: gen(), pulled }
}

const indexOf = (rows: OrderLineRow[]) => {
  const index = new ImportIndexBuilder()
  rows.forEach((r) => index.add(r))
  return index
}

describe("ImportIndexBuilder (pass 1)", () => {
  const index = indexOf(INTERLEAVED)

  it("keeps a header and a line count per invoice, not the lines", () => {
    expect([...index.invoiceHeaders()]).toEqual([
      // 1001's first line has no customer: the invoice takes the first customer and its country
      {
        invoiceNo: "1001",
        date: new Date("2011-01-01T09:59:00Z"),
        customerId: "7",
        country: "Germany",
        canceled: false,
        lineCount: 2,
      },
      {
        invoiceNo: "1002",
        date: new Date("2011-01-02T10:00:00Z"),
        customerId: null,
        country: "United Kingdom",
        canceled: false,
        lineCount: 2,
      },
      {
        invoiceNo: "1003",
        date: new Date("2011-01-03T10:00:00Z"),
        customerId: "8",
        country: "Germany",
        canceled: false,
        lineCount: 1,
      },
      {
        invoiceNo: "C1004",
        date: new Date("2011-01-04T10:00:00Z"),
        customerId: "7",
        country: "United Kingdom",
        canceled: true,
        lineCount: 1,
      },
    ])
    expect(index.skipped).toEqual({ "missing StockCode": 1 })
    expect(index.invoiceCount).toBe(4)
  })

  it("plans the same invoices as the one-pass plan", async () => {
    const plan = new ImportPlanBuilder()
    INTERLEAVED.forEach((r) => plan.add(r))
    const assembled: PlannedInvoice[] = []
    for await (const inv of assembleInvoices(streamOf(INTERLEAVED).rows, index)) {
      assembled.push(inv)
    }
    const byNo = (a: { invoiceNo: string }, b: { invoiceNo: string }) => a.invoiceNo.localeCompare(b.invoiceNo)
    expect(assembled.sort(byNo)).toEqual(plan.invoiceList().sort(byNo))
    expect(plan.productList()).toEqual(index.productList())
    expect(plan.customerList()).toEqual(index.customerList())
  })
})

describe("assembleInvoices (pass 2)", () => {
  const index = indexOf(INTERLEAVED)

  it("yields each invoice as soon as its last line is read, before the rest of the stream", async () => {
    const { rows, pulled } = streamOf(INTERLEAVED)
    const seen: [string, number[], number][] = []
    for await (const inv of assembleInvoices(rows, index)) {
      seen.push([inv.invoiceNo, inv.lines.map((l) => l.row), pulled.count])
    }
    expect(seen).toEqual([
      ["1001", [2, 4], 3],
      ["1003", [6], 5],
      ["1002", [3, 7], 6],
      ["C1004", [8], 7],
    ])
  })

  it("passes over the invoices it is told to skip", async () => {
    const out: string[] = []
    for await (const inv of assembleInvoices(streamOf(INTERLEAVED).rows, index, (no) => no.startsWith("100"))) {
      out.push(inv.invoiceNo)
    }
    expect(out).toEqual(["C1004"])
  })

  it.each([
    [
      "a row of an invoice pass 1 did not see",
      [...INTERLEAVED, { ...INTERLEAVED[0], invoiceNo: "9999", row: 9 }],
      /line 9, field InvoiceNo: "9999" was not in the file's first read/,
    ],
    [
      "an invoice with fewer lines than in pass 1",
      INTERLEAVED.slice(0, 5),
      /invoice "1002" has fewer lines than in the file's first read/,
    ],
    [
      "an invoice missing from pass 2",
      INTERLEAVED.slice(0, 6),
      /invoice "C1004" has fewer lines than in the file's first read/,
    ],
  ])("throws on %s (the file changed)", async (_name, rows, message) => {
    const run = async () => {
      for await (const _ of assembleInvoices(streamOf(rows as OrderLineRow[]).rows, index)) {
        // drain
      }
    }
    await expect(run()).rejects.toThrow(message as RegExp)
  })
})
