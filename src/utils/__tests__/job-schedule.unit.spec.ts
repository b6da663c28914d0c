import fc from "fast-check"
import { parseExpression } from "cron-parser"
import { cronProblem, scheduleFromEnv } from "../job-schedule"

const FIELDS =
  "a cron schedule has 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or @hourly/@daily/@weekly/@monthly/@yearly"

/** Whether Medusa's in-memory scheduler could schedule `expression` (what it calls, in its order). */
function medusaSchedules(expression: string): boolean {
  try {
    parseExpression(expression).next()
    return true
  } catch {
    return false
  }
}

function errorOf(fn: () => unknown): { type?: string; message: string } {
  try {
    fn()
  } catch (e) {
    return e as { type: string; message: string }
  }
  throw new Error("accepted")
}

describe("cronProblem", () => {
  it.each([
    "0 3 * * *",
    "15 * * * *",
    "15 3 * * *",
    " 0 3 * * * ",
    "0 0 1 1 *",
    "*/10 * * * * *",
    "*/5 * * * * *",
    "0 3 * * MON",
    "0 3 * * 1-5",
    "0 0 * * 7",
    "0 0 L * *",
    "0 0 29 2 *",
    "0 9-17/2 * JAN,JUL *",
    "@daily",
    "@hourly",
    "@weekly",
    "@monthly",
    "@yearly",
  ])("accepts %j", (expression) => {
    expect(cronProblem(expression)).toBeNull()
    expect(medusaSchedules(expression)).toBe(true)
  })

  it.each([
    ["every night", `has 2 fields, ${FIELDS}`],
    ["61 * * * *", `is not a cron schedule (Constraint error, got value 61 expected range 0-59); ${FIELDS}`],
    ["0 24 * * *", `is not a cron schedule (Constraint error, got value 24 expected range 0-23); ${FIELDS}`],
    ["0 0 * * 8", `is not a cron schedule (Constraint error, got value 8 expected range 0-7); ${FIELDS}`],
    ["1-70 * * * *", `is not a cron schedule (Constraint error, got range 1-70 expected range 0-59); ${FIELDS}`],
    ["0 0 31 4 *", `is not a cron schedule (Invalid explicit day of month definition); ${FIELDS}`],
    // parses, but never occurs: Medusa fails when it computes the next run
    ["0 0 31 2,4 *", `is not a cron schedule (Invalid expression, loop limit exceeded); ${FIELDS}`],
    ["H * * * *", `is not a cron schedule (Invalid characters, got value: H); ${FIELDS}`],
    ["@midnight", `is not a cron schedule (Validation error, cannot resolve alias "mid"); ${FIELDS}`],
    ["0 3 * * * 2027", `is not a cron schedule (Constraint error, got value 2027 expected range 0-7); ${FIELDS}`],
    ["0 3 * * * * *", `has 7 fields, ${FIELDS}`],
    // cron-parser would take these and fill the missing fields: not what anyone meant by them
    ["0 3 * *", `has 4 fields, ${FIELDS}`],
    ["?", `has 1 field, ${FIELDS}`],
    ["nightly", `has 1 field, ${FIELDS}`],
    ["", `has 0 fields, ${FIELDS}`],
  ])("refuses %j: %s", (expression, problem) => {
    expect(cronProblem(expression)).toBe(problem)
  })
})

describe("scheduleFromEnv", () => {
  it.each([
    ["unset", {}, "15 * * * *"],
    ["empty", { X_SCHEDULE: "" }, "15 * * * *"],
    ["blank", { X_SCHEDULE: "  " }, "15 * * * *"],
    ["set", { X_SCHEDULE: "*/10 * * * * *" }, "*/10 * * * * *"],
    ["set, with spaces around", { X_SCHEDULE: " 0 4 * * * \n" }, "0 4 * * *"],
  ])("%s: %j -> %j", (_, env, expected) => {
    expect(scheduleFromEnv("X_SCHEDULE", "15 * * * *", env)).toBe(expected)
  })

  it.each([
    ["every night", `X_SCHEDULE="every night" has 2 fields, ${FIELDS}`],
    [
      "61 * * * *",
      `X_SCHEDULE="61 * * * *" is not a cron schedule (Constraint error, got value 61 expected range 0-59); ${FIELDS}`,
    ],
  ])("refuses %j naming the variable and the value, never falling back to the default", (value, message) => {
    const e = errorOf(() => scheduleFromEnv("X_SCHEDULE", "15 * * * *", { X_SCHEDULE: value }))
    expect(e.type).toBe("invalid_data")
    expect(e.message).toBe(message)
  })

  it("refuses a bad default, naming it", () => {
    expect(errorOf(() => scheduleFromEnv("X_SCHEDULE", "daily", {})).message).toBe(
      `the default of X_SCHEDULE, "daily", has 1 field, ${FIELDS}`
    )
  })

  it("reads process.env by default", () => {
    process.env.JOB_SCHEDULE_UNIT_TEST = "0 5 * * *"
    try {
      expect(scheduleFromEnv("JOB_SCHEDULE_UNIT_TEST", "15 * * * *")).toBe("0 5 * * *")
    } finally {
      delete process.env.JOB_SCHEDULE_UNIT_TEST
    }
  })

  /** One field of a cron expression from its range: a number, a range, a step or `*`. */
  const field = (min: number, max: number) =>
    fc.oneof(
      fc.constant("*"),
      fc.integer({ min, max }).map(String),
      fc
        .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
        .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.integer({ min: 1, max: max - min + 1 }).map((n) => `*/${n}`)
    )
  const RANGES: [number, number][] = [
    [0, 59],
    [0, 23],
    // days 1-28 occur in every month, so any day with any month is a date that comes
    [1, 28],
    [1, 12],
    [0, 7],
  ]
  const valid = fc
    .tuple(fc.boolean(), fc.integer({ min: 0, max: 59 }), ...RANGES.map(([min, max]) => field(min, max)))
    .map(([seconds, s, ...fields]) => (seconds ? [String(s), ...fields] : fields).join(" "))

  it("accepts generated valid 5- and 6-field schedules, as Medusa does", () => {
    fc.assert(
      fc.property(valid, (expression) => {
        expect(cronProblem(expression)).toBeNull()
        expect(medusaSchedules(expression)).toBe(true)
        expect(scheduleFromEnv("X_SCHEDULE", "15 * * * *", { X_SCHEDULE: expression })).toBe(expression)
      }),
      { numRuns: 300 }
    )
  })

  it("refuses a generated schedule with one field out of its range, naming the variable and the value", () => {
    const LIMITS: [number, number][] = [
      [0, 59],
      [0, 23],
      [1, 31],
      [1, 12],
      [0, 7],
    ]
    fc.assert(
      fc.property(
        valid.filter((e) => e.split(" ").length === 5),
        fc.integer({ min: 0, max: 4 }),
        fc.oneof(fc.integer({ min: 60, max: 10000 }), fc.integer({ min: -10000, max: -1 })),
        (expression, at, offset) => {
          const [min, max] = LIMITS[at]
          const out = offset > 0 ? max + offset : min + offset
          const fields = expression.split(" ")
          fields[at] = String(out)
          const value = fields.join(" ")
          expect(medusaSchedules(value)).toBe(false)
          const e = errorOf(() => scheduleFromEnv("X_SCHEDULE", "15 * * * *", { X_SCHEDULE: value }))
          expect(e.type).toBe("invalid_data")
          expect(e.message.startsWith(`X_SCHEDULE=${JSON.stringify(value)} `)).toBe(true)
        }
      ),
      { numRuns: 1000 }
    )
  })

  it("never accepts what Medusa could not schedule, and accepts every 5- or 6-field schedule Medusa can", () => {
    const token = fc.oneof(
      fc.constantFrom(
        "*",
        "*/5",
        "0",
        "1",
        "7",
        "12",
        "23",
        "31",
        "59",
        "60",
        "1-5",
        "5-1",
        "L",
        "MON",
        "JAN",
        "?",
        "#",
        ",",
        "1,2"
      ),
      fc.string({ minLength: 1, maxLength: 4 }).filter((s) => !/\s/.test(s))
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(token, { minLength: 0, maxLength: 8 }).map((t) => t.join(" ")),
          fc.string({ maxLength: 20 })
        ),
        (expression) => {
          const accepted = cronProblem(expression) === null
          if (accepted) {
            expect(medusaSchedules(expression)).toBe(true)
          }
          const fields = expression.trim().split(/\s+/).length
          if (expression.trim() !== "" && (fields === 5 || fields === 6)) {
            expect(accepted).toBe(medusaSchedules(expression))
          }
        }
      ),
      { numRuns: 3000 }
    )
  })
})
