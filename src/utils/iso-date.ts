/**
 * The one definition of a date the plugin accepts as input (rule values, objective deadlines and
 * baseline windows): ISO 8601, a real calendar day, between MIN_DATE and MAX_DATE. JavaScript's
 * Date.parse alone accepts "2021-02-30", year 0 and year 275760, which PostgreSQL then rejects.
 */
export const MIN_DATE = "1900-01-01T00:00:00.000Z"
export const MAX_DATE = "9999-12-31T23:59:59.999Z"

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/

/** Why `s` is not an accepted date, or null. */
export function isoDateProblem(s: string): string | null {
  const m = ISO.exec(s)
  if (!m) {
    return "must be an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ)"
  }
  const [, y, mo, d, h, mi, sec] = m
  const day = new Date(0)
  day.setUTCFullYear(Number(y), Number(mo) - 1, Number(d)) // Date.UTC would read years 0-99 as 1900-1999
  if (
    day.getUTCFullYear() !== Number(y) ||
    day.getUTCMonth() !== Number(mo) - 1 ||
    day.getUTCDate() !== Number(d) ||
    Number(h ?? 0) > 23 ||
    Number(mi ?? 0) > 59 ||
    Number(sec ?? 0) > 59
  ) {
    return "is not a real calendar date and time"
  }
  const ms = Date.parse(s.replace(" ", "T"))
  if (!Number.isFinite(ms) || ms < Date.parse(MIN_DATE) || ms > Date.parse(MAX_DATE)) {
    return `must be between ${MIN_DATE.slice(0, 10)} and ${MAX_DATE.slice(0, 10)}`
  }
  return null
}

/** The instant of an accepted date (call `isoDateProblem` first). */
export function parseIsoDate(s: string): Date {
  return new Date(Date.parse(s.replace(" ", "T")))
}
