/**
 * Pure grouping of validated order-line rows into what the importer writes: one product per
 * StockCode, one customer per CustomerID, one order per InvoiceNo. No container, no database.
 */
import type { OrderLineRow } from "./csv"

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

/**
 * Accumulates rows one at a time (the file is streamed) and returns the grouped plan.
 * Invoices need not be contiguous in the file.
 */
export class ImportPlanBuilder {
  rowsRead = 0
  skipped: Record<string, number> = {}
  private products = new Map<string, ProductAcc>()
  private customers = new Map<string, Map<string, number>>()
  private invoices = new Map<string, PlannedInvoice>()

  add(row: OrderLineRow): void {
    this.rowsRead++
    if (!row.stockCode) {
      this.skip("missing StockCode")
      return
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
    let invoice = this.invoices.get(row.invoiceNo)
    if (!invoice) {
      invoice = {
        invoiceNo: row.invoiceNo,
        date: row.invoiceDate,
        customerId: row.customerId,
        country: row.country,
        canceled: isCancellationInvoice(row.invoiceNo),
        lines: [],
      }
      this.invoices.set(row.invoiceNo, invoice)
    } else {
      // A few invoices span two minutes: the order is dated at its first line.
      if (row.invoiceDate < invoice.date) {
        invoice.date = row.invoiceDate
      }
      if (!invoice.customerId && row.customerId) {
        invoice.customerId = row.customerId
        invoice.country = row.country
      }
    }
    invoice.lines.push({
      row: row.row,
      stockCode: row.stockCode,
      description: row.description,
      quantity: row.quantity,
      unitPrice: row.unitPrice,
    })
  }

  private skip(reason: SkipReason) {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1
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

  invoiceList(): PlannedInvoice[] {
    return [...this.invoices.values()]
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
