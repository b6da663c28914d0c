/**
 * Pure grouping of validated order-line rows into what the importer writes: one product per
 * StockCode, one customer per CustomerID, one order per InvoiceNo. No container, no database.
 */
import { ImportFileError, OrderLineRow } from "./csv"

export const CUSTOMER_EMAIL_DOMAIN = "online-retail.example"

/** Country names used by the UCI file -> ISO 3166-1 alpha-2 (lowercase, as Medusa stores them). */
export const COUNTRY_CODES: Record<string, string> = {
  "united kingdom": "gb",
  uk: "gb",
  france: "fr",
  australia: "au",
  netherlands: "nl",
  germany: "de",
  norway: "no",
  eire: "ie",
  ireland: "ie",
  switzerland: "ch",
  spain: "es",
  poland: "pl",
  portugal: "pt",
  italy: "it",
  belgium: "be",
  lithuania: "lt",
  japan: "jp",
  iceland: "is",
  denmark: "dk",
  cyprus: "cy",
  sweden: "se",
  austria: "at",
  israel: "il",
  finland: "fi",
  bahrain: "bh",
  greece: "gr",
  "hong kong": "hk",
  singapore: "sg",
  lebanon: "lb",
  "united arab emirates": "ae",
  "saudi arabia": "sa",
  "czech republic": "cz",
  canada: "ca",
  brazil: "br",
  usa: "us",
  "united states": "us",
  malta: "mt",
  rsa: "za",
  "south africa": "za",
  // "Channel Islands", "European Community" and "Unspecified" name no single ISO country:
  // they get no country_code and keep the name in metadata.country.
}

/** ISO alpha-2 (lowercase) for a country name of the file, or null when it names no single country. */
export function countryCode(name: string | null): string | null {
  if (!name) {
    return null
  }
  return COUNTRY_CODES[name.trim().toLowerCase()] ?? null
}

/**
 * Product handle for a StockCode: `sc-<code lowercased, non-alphanumerics as ->`. The file has
 * codes differing only by case ("85123A" and "85123a" are two products), so a code containing
 * lowercase letters gets a `-lc` suffix to keep handles unique.
 */
export function handleForStockCode(code: string): string {
  const slug = code
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
  const base = slug || Buffer.from(code, "utf8").toString("hex")
  return `sc-${base}${/[a-z]/.test(code) ? "-lc" : ""}`
}

/** Deterministic customer email for a source CustomerID. */
export function emailForCustomer(customerId: string): string {
  return `customer-${customerId.toLowerCase()}@${CUSTOMER_EMAIL_DOMAIN}`
}

export function isCancellationInvoice(invoiceNo: string): boolean {
  return /^c/i.test(invoiceNo)
}

export type PlannedProduct = {
  stockCode: string
  handle: string
  title: string
  missingDescription: boolean
  /** Most frequent positive unit price; 0 when the code never has a positive price. */
  price: number
  missingPrice: boolean
  rows: number
}

export type PlannedCustomer = {
  customerId: string
  email: string
  country: string | null
  countryCode: string | null
}

export type PlannedLine = {
  row: number
  stockCode: string
  description: string | null
  quantity: number
  unitPrice: number
}

export type PlannedInvoice = {
  invoiceNo: string
  date: Date
  customerId: string | null
  country: string | null
  canceled: boolean
  lines: PlannedLine[]
}

export type SkipReason = "missing StockCode"

type ProductAcc = {
  stockCode: string
  descriptions: Map<string, number>
  prices: Map<number, number>
  rows: number
}

function bump<K>(map: Map<K, number>, key: K) {
  map.set(key, (map.get(key) ?? 0) + 1)
}

/** Most frequent key; ties go to the key seen first. */
export function mostFrequent<K>(counts: Map<K, number>): K | undefined {
  let best: K | undefined
  let bestCount = 0
  for (const [k, c] of counts) {
    if (c > bestCount) {
      best = k
      bestCount = c
    }
  }
  return best
}

/** Why a row is not imported, or null when it is (one definition for both passes of the importer). */
export function skipReason(row: OrderLineRow): SkipReason | null {
  return row.stockCode ? null : "missing StockCode"
}

/** What pass 1 keeps of an invoice: its order's header fields and how many lines it has. */
export type InvoiceHeader = Omit<PlannedInvoice, "lines"> & { lineCount: number }

/**
 * Pass 1 of the importer: accumulates validated rows one at a time (the file is streamed) into
 * compact indexes: products and customers (what the catalog and customer phases write) and, per
 * invoice, only its header (date, customer, country) and line count, never its lines. Invoices
 * need not be contiguous in the file.
 */
export class ImportIndexBuilder {
  rowsRead = 0
  skipped: Record<string, number> = {}
  private products = new Map<string, ProductAcc>()
  private customers = new Map<string, Map<string, number>>()
  // One slot per invoice in parallel arrays: ~100 bytes an invoice with its key, not an object
  // with a lines array (docs/performance.md, "Memory").
  private invoiceSlots = new Map<string, number>()
  private invoiceNos: string[] = []
  private invoiceDates: number[] = []
  private invoiceCustomers: (string | null)[] = []
  private invoiceCountries: (string | null)[] = []
  private invoiceLineCounts: number[] = []
  private countryNames = new Map<string, string>()

  /** Adds one row; returns its invoice's slot, or null when the row is skipped. */
  add(row: OrderLineRow): number | null {
    this.rowsRead++
    const reason = skipReason(row)
    if (reason) {
      this.skipped[reason] = (this.skipped[reason] ?? 0) + 1
      return null
    }
    let product = this.products.get(row.stockCode)
    if (!product) {
      product = { stockCode: row.stockCode, descriptions: new Map(), prices: new Map(), rows: 0 }
      this.products.set(row.stockCode, product)
    }
    product.rows++
    if (row.description) {
      bump(product.descriptions, row.description)
    }
    if (row.unitPrice > 0) {
      bump(product.prices, row.unitPrice)
    }
    if (row.customerId) {
      let countries = this.customers.get(row.customerId)
      if (!countries) {
        countries = new Map()
        this.customers.set(row.customerId, countries)
      }
      bump(countries, row.country ?? "")
    }
    const country = this.internCountry(row.country)
    const date = row.invoiceDate.getTime()
    let slot = this.invoiceSlots.get(row.invoiceNo)
    if (slot === undefined) {
      slot = this.invoiceNos.length
      this.invoiceSlots.set(row.invoiceNo, slot)
      this.invoiceNos.push(row.invoiceNo)
      this.invoiceDates.push(date)
      this.invoiceCustomers.push(row.customerId)
      this.invoiceCountries.push(country)
      this.invoiceLineCounts.push(1)
      return slot
    }
    // A few invoices span two minutes: the order is dated at its first line.
    if (date < this.invoiceDates[slot]) {
      this.invoiceDates[slot] = date
    }
    if (!this.invoiceCustomers[slot] && row.customerId) {
      this.invoiceCustomers[slot] = row.customerId
      this.invoiceCountries[slot] = country
    }
    this.invoiceLineCounts[slot]++
    return slot
  }

  private internCountry(name: string | null): string | null {
    if (name === null) {
      return null
    }
    let interned = this.countryNames.get(name)
    if (interned === undefined) {
      interned = name
      this.countryNames.set(name, name)
    }
    return interned
  }

  get invoiceCount(): number {
    return this.invoiceNos.length
  }

  /** The slot of an invoice number, or undefined when pass 1 did not see it. */
  slotOf(invoiceNo: string): number | undefined {
    return this.invoiceSlots.get(invoiceNo)
  }

  lineCount(slot: number): number {
    return this.invoiceLineCounts[slot]
  }

  invoiceHeader(slot: number): InvoiceHeader {
    const invoiceNo = this.invoiceNos[slot]
    return {
      invoiceNo,
      date: new Date(this.invoiceDates[slot]),
      customerId: this.invoiceCustomers[slot],
      country: this.invoiceCountries[slot],
      canceled: isCancellationInvoice(invoiceNo),
      lineCount: this.invoiceLineCounts[slot],
    }
  }

  /** Every invoice's header, in the order of first appearance. */
  *invoiceHeaders(): Generator<InvoiceHeader> {
    for (let slot = 0; slot < this.invoiceNos.length; slot++) {
      yield this.invoiceHeader(slot)
    }
  }

  productList(): PlannedProduct[] {
    return [...this.products.values()].map((p) => {
      const title = mostFrequent(p.descriptions)
      const price = mostFrequent(p.prices)
      return {
        stockCode: p.stockCode,
        handle: handleForStockCode(p.stockCode),
        title: title ?? p.stockCode,
        missingDescription: title === undefined,
        price: price ?? 0,
        missingPrice: price === undefined,
        rows: p.rows,
      }
    })
  }

  customerList(): PlannedCustomer[] {
    return [...this.customers.entries()].map(([customerId, countries]) => {
      const country = mostFrequent(countries) || null
      return {
        customerId,
        email: emailForCustomer(customerId),
        country,
        countryCode: countryCode(country),
      }
    })
  }
}

const lineOf = (row: OrderLineRow): PlannedLine => ({
  row: row.row,
  stockCode: row.stockCode,
  description: row.description,
  quantity: row.quantity,
  unitPrice: row.unitPrice,
})

const withLines = ({ lineCount: _count, ...header }: InvoiceHeader, lines: PlannedLine[]): PlannedInvoice => ({
  ...header,
  lines,
})

/**
 * The previous importer's one-pass plan (kept for `writer=previous`): pass 1's indexes plus every
 * line of every invoice, held in memory until the import ends.
 */
export class ImportPlanBuilder extends ImportIndexBuilder {
  private lines: PlannedLine[][] = []

  add(row: OrderLineRow): number | null {
    const slot = super.add(row)
    if (slot !== null) {
      ;(this.lines[slot] ??= []).push(lineOf(row))
    }
    return slot
  }

  invoiceList(): PlannedInvoice[] {
    return this.lines.map((lines, slot) => withLines(this.invoiceHeader(slot), lines))
  }
}

/**
 * Pass 2 of the importer: reads the rows again and yields each invoice as soon as all its lines
 * (counted in pass 1) have been seen, so only the invoices still open are held in memory. Rows of
 * invoices for which `skip` is true are passed over. Throws ImportFileError when a row does not
 * match pass 1 (the file changed between the passes).
 */
export async function* assembleInvoices(
  rows: AsyncIterable<OrderLineRow>,
  index: ImportIndexBuilder,
  skip: (invoiceNo: string) => boolean = () => false
): AsyncGenerator<PlannedInvoice> {
  const open = new Map<number, PlannedLine[]>()
  const complete = new Uint8Array(index.invoiceCount)
  for await (const row of rows) {
    if (skipReason(row)) {
      continue
    }
    const slot = index.slotOf(row.invoiceNo)
    if (slot === undefined) {
      throw new ImportFileError(
        row.row,
        "InvoiceNo",
        `"${row.invoiceNo}" was not in the file's first read: the file changed`
      )
    }
    if (skip(row.invoiceNo)) {
      continue
    }
    let lines = open.get(slot)
    if (!lines) {
      lines = []
      open.set(slot, lines)
    }
    lines.push(lineOf(row))
    if (lines.length === index.lineCount(slot)) {
      open.delete(slot)
      complete[slot] = 1
      yield withLines(index.invoiceHeader(slot), lines)
    }
  }
  for (let slot = 0; slot < complete.length; slot++) {
    const { invoiceNo } = index.invoiceHeader(slot)
    if (!complete[slot] && !skip(invoiceNo)) {
      throw new ImportFileError(
        0,
        "InvoiceNo",
        `invoice "${invoiceNo}" has fewer lines than in the file's first read: the file changed`
      )
    }
  }
}

/** Throws when two distinct codes map to the same handle (they would merge into one product). */
export function assertUniqueHandles(products: PlannedProduct[]): void {
  const seen = new Map<string, string>()
  for (const p of products) {
    const other = seen.get(p.handle)
    if (other !== undefined) {
      throw new Error(`StockCodes "${other}" and "${p.stockCode}" both map to handle "${p.handle}"`)
    }
    seen.set(p.handle, p.stockCode)
  }
}

/** Splits a list into consecutive chunks of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size))
  }
  return out
}
