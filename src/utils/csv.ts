/*
 * CSV as RFC 4180 writes it (comma, CRLF, quotes doubled), safe to open in a spreadsheet: a text
 * cell that starts with =, +, -, @ (or a tab / carriage return, which some spreadsheets skip before
 * a formula) is prefixed with ' so it is read as text, never as a formula (OWASP "CSV injection").
 */

export type CsvValue = string | number | boolean | Date | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One cell: numbers and booleans as written, dates as ISO 8601, null/undefined as empty. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) {
    return ""
  }
  if (typeof value === "number") {
    // a number is data, never a formula: -3 stays -3
    return Number.isFinite(value) ? String(value) : ""
  }
  if (typeof value === "boolean") {
    return value ? "true" : "false"
  }
  let text = value instanceof Date ? value.toISOString() : value
  if (FORMULA_START.test(text)) {
    text = `'${text}`
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One record, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n"
}
