import fc from "fast-check"
import { isoDateProblem, parseIsoDate } from "../iso-date"

describe("isoDateProblem", () => {
  it.each([
    ["2021-03-07", null],
    ["2021-03-07T10:20:30Z", null],
    ["2021-03-07T10:20:30.123456+02:00", null],
    ["2021-03-07 10:20", null],
    ["2024-02-29", null],
    ["1900-01-01", null],
    ["9999-12-31", null],
    ["2023-02-29", "is not a real calendar date and time"],
    ["2021-02-30", "is not a real calendar date and time"],
    ["2021-13-01", "is not a real calendar date and time"],
    ["2021-01-01T24:00:00Z", "is not a real calendar date and time"],
    ["1899-12-31", "must be between 1900-01-01 and 9999-12-31"],
    ["0000-01-01", "must be between 1900-01-01 and 9999-12-31"],
    ["+010000-01-01T00:00:00Z", "must be an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ)"],
    ["March 7, 2021", "must be an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ)"],
    ["", "must be an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ)"],
  ])("%s -> %s", (input, expected) => {
    expect(isoDateProblem(input)).toBe(expected)
  })

  it("accepts every instant of the range as toISOString() writes it, and parses it back to the same instant", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
        (d) => {
          expect(isoDateProblem(d.toISOString())).toBeNull()
          expect(parseIsoDate(d.toISOString()).getTime()).toBe(d.getTime())
        }
      )
    )
  })

  it("never throws, and whatever it accepts PostgreSQL's timestamptz range holds", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        if (isoDateProblem(s) === null) {
          const y = parseIsoDate(s).getUTCFullYear()
          expect(y >= 1899 && y <= 10000).toBe(true)
        }
      })
    )
  })
})
