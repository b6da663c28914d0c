/**
 * Pure CSV parsing and validation for order-line files shaped like UCI "Online Retail":
 * `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country`.
 * No container, no database: these functions take text and return data (or throw an
 * ImportFileError naming the line and the field).
 */

export const ORDER_LINE_HEADER = [
  "InvoiceNo",
  "StockCode",
  "Description",
  "Quantity",
  "InvoiceDate",
  "UnitPrice",
  "CustomerID",
  "Country",
] as const

export type OrderLineField = (typeof ORDER_LINE_HEADER)[number]

/**
 * Other names a column may have: the header of UCI "Online Retail II" (the same store's 2009-2011 export:
 * `Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country`, same order and formats).
 */
export const ORDER_LINE_HEADER_ALIASES: Readonly<Partial<Record<OrderLineField, readonly string[]>>> = {
  InvoiceNo: ["Invoice"],
  UnitPrice: ["Price"],
  CustomerID: ["Customer ID"],
}

/** The names a column is accepted under: its own, then its aliases. */
export function columnNames(field: OrderLineField): readonly string[] {
  return [field, ...(ORDER_LINE_HEADER_ALIASES[field] ?? [])]
}

/** One validated CSV row. `row` is the 1-based line number in the file (the header is line 1). */
export type OrderLineRow = {
  row: number
  invoiceNo: string
  stockCode: string
  description: string | null
  quantity: number
  invoiceDate: Date
  unitPrice: number
  customerId: string | null
  country: string | null
}

export class ImportFileError extends Error {
  line: number
  field: string | null

  constructor(line: number, field: string | null, message: string) {
    super(`line ${line}${field ? `, field ${field}` : ""}: ${message}`)
    this.name = "ImportFileError"
    this.line = line
    this.field = field
  }
}

/**
 * Splits one CSV record into fields (RFC 4180 quoting: `"a, b"`, `""` for a quote).
 * Returns null when a quoted field is still open at the end of the text (the record
 * continues on the next physical line).
 */
export function parseCsvRecord(text: string): string[] | null {
  const fields: string[] = []
  let field = ""
  let i = 0
  let inQuotes = false
  while (i < text.length) {
    const ch = text[i]
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        inQuotes = false
        i++
        continue
      }
      field += ch
      i++
      continue
    }
    if (ch === '"') {
      inQuotes = true
    } else if (ch === ",") {
      fields.push(field)
      field = ""
    } else if (ch !== "\r" || i !== text.length - 1) {
      field += ch
    }
    i++
  }
  if (inQuotes) {
    return null
  }
  fields.push(field)
  return fields
}

/** A header record's column names: trimmed, the first without a byte-order mark. */
export function headerNames(fields: string[]): string[] {
  return fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, "") : f).trim())
}

/**
 * Throws unless the header is the expected one, each column under its name or an alias
 * (`ORDER_LINE_HEADER_ALIASES`); a BOM and surrounding spaces are tolerated.
 */
export function validateHeader(fields: string[]): void {
  const got = headerNames(fields)
  const expected = ORDER_LINE_HEADER as readonly string[]
  const problems: string[] = []
  ORDER_LINE_HEADER.forEach((name, i) => {
    const names = columnNames(name)
    if (!names.includes(got[i])) {
      problems.push(`column ${i + 1} should be ${names.map((n) => `"${n}"`).join(" or ")} but is "${got[i] ?? ""}"`)
    }
  })
  if (got.length > expected.length) {
    problems.push(`unexpected extra columns: ${got.slice(expected.length).join(", ")}`)
  }
  if (problems.length) {
    throw new ImportFileError(1, "header", `wrong header (${problems.join("; ")}); expected ${expected.join(",")}`)
  }
}

const NUMBER_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

function parseNumber(value: string, line: number, field: OrderLineField, integer: boolean): number {
  const v = value.trim()
  if (!NUMBER_RE.test(v)) {
    throw new ImportFileError(line, field, `"${value}" is not a number`)
  }
  const n = Number(v)
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new ImportFileError(line, field, `"${value}" is not ${integer ? "an integer" : "a finite number"}`)
  }
  return n
}

/** A line's quantity: an integer (negative on cancellations). Throws naming the line and field otherwise. */
export function parseQuantity(value: string, line: number): number {
  return parseNumber(value, line, "Quantity", true)
}

/**
 * A customer id as the store keeps it: trimmed, null when empty (a guest line); ids some exports write
 * as floats ("17850.0") become the integer text. Throws naming the line and field on any character
 * other than letters, digits, `_` and `-`.
 */
export function parseCustomerId(value: string, line: number): string | null {
  let customer = value.trim()
  if (!customer) {
    return null
  }
  if (/^\d+\.0+$/.test(customer)) {
    customer = customer.replace(/\.0+$/, "")
  }
  if (!/^[A-Za-z0-9_-]+$/.test(customer)) {
    throw new ImportFileError(line, "CustomerID", `"${value}" is not a valid id`)
  }
  return customer
}

/** Last Sunday of a month, as a day of month (UTC arithmetic). */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0))
  return last.getUTCDate() - last.getUTCDay()
}

/**
 * Converts a UK wall-clock time to a UTC instant. British Summer Time (UTC+1) runs from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
 */
export function ukLocalToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number
): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second)
  const bstStart = Date.UTC(year, 2, lastSunday(year, 2), 1, 0, 0)
  const bstEnd = Date.UTC(year, 9, lastSunday(year, 9), 1, 0, 0)
  // Wall time during BST is one hour ahead: subtract it, then check the instant is in BST.
  const candidate = asUtc - 3600 * 1000
  if (candidate >= bstStart && candidate < bstEnd) {
    return new Date(candidate)
  }
  return new Date(asUtc)
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/
const UCI_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/

/** Parses `2010-12-01T08:26:00` (or the original UCI `12/1/2010 8:26`) as UK local time. */
export function parseInvoiceDate(value: string, line = 0): Date {
  const v = value.trim()
  let parts: number[] | null = null
  let m = ISO_DATE_RE.exec(v)
  if (m) {
    parts = [+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0]
  } else if ((m = UCI_DATE_RE.exec(v))) {
    parts = [+m[3], +m[1], +m[2], +m[4], +m[5], m[6] ? +m[6] : 0]
  }
  if (parts) {
    const [y, mo, d, h, mi, s] = parts
    const check = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
    if (
      check.getUTCFullYear() === y &&
      check.getUTCMonth() === mo - 1 &&
      check.getUTCDate() === d &&
      h < 24 &&
      mi < 60 &&
      s < 60
    ) {
      return ukLocalToUtc(y, mo, d, h, mi, s)
    }
  }
  throw new ImportFileError(line, "InvoiceDate", `"${value}" is not a date (expected YYYY-MM-DDTHH:MM:SS)`)
}

/** Validates one data record (already split into fields) and returns a typed row. */
export function parseOrderLine(fields: string[], line: number): OrderLineRow {
  if (fields.length !== ORDER_LINE_HEADER.length) {
    throw new ImportFileError(line, null, `expected ${ORDER_LINE_HEADER.length} fields but found ${fields.length}`)
  }
  const [invoiceNo, stockCode, description, quantity, invoiceDate, unitPrice, customerId, country] = fields.map((f) =>
    f.trim()
  )
  if (!invoiceNo) {
    throw new ImportFileError(line, "InvoiceNo", "is missing")
  }
  if (!quantity) {
    throw new ImportFileError(line, "Quantity", "is missing")
  }
  if (!invoiceDate) {
    throw new ImportFileError(line, "InvoiceDate", "is missing")
  }
  if (!unitPrice) {
    throw new ImportFileError(line, "UnitPrice", "is missing")
  }
  return {
    row: line,
    invoiceNo,
    stockCode,
    description: description || null,
    quantity: parseQuantity(quantity, line),
    invoiceDate: parseInvoiceDate(invoiceDate, line),
    unitPrice: parseNumber(unitPrice, line, "UnitPrice", false),
    customerId: parseCustomerId(customerId, line),
    country: country || null,
  }
}
