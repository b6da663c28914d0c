import fc from "fast-check"
import { describeValue, MAX_INT_OPTION } from "../../../../utils/module-options"
import {
  DEFAULT_OPTIONS,
  parseRecommendationOptions,
  RECOMMENDATION_OPTION_NAMES,
  RecommendationSettings,
} from "../options"

/** The options, their smallest accepted value and their default (the values before the schema existed). */
const OPTIONS: [keyof RecommendationSettings, 0 | 1, number][] = [
  ["history_cap", 1, 50],
  ["neighbors_per_product", 1, 200],
  ["min_support", 1, 2],
  ["cache_ttl_seconds", 0, 60],
  ["max_seeds", 1, 50],
  ["max_candidates", 1, 200],
  ["event_window_hours", 1, 24],
  ["event_rate_per_minute", 1, 120],
  ["serve_retention_days", 1, 30],
  ["affinity_full_rebuild_days", 1, 7],
]
const MIN = Object.fromEntries(OPTIONS.map(([name, min]) => [name, min])) as Record<string, 0 | 1>

function errorOf(raw: unknown): { type?: string; message: string } {
  try {
    parseRecommendationOptions(raw)
  } catch (e) {
    return e as { type: string; message: string }
  }
  throw new Error(`accepted ${describeValue(raw)}`)
}

describe("recommendation module options", () => {
  it("has exactly these options, with these defaults", () => {
    expect([...RECOMMENDATION_OPTION_NAMES].sort()).toEqual(OPTIONS.map(([name]) => name).sort())
    expect(DEFAULT_OPTIONS).toEqual(Object.fromEntries(OPTIONS.map(([name, , d]) => [name, d])))
    expect(parseRecommendationOptions(undefined)).toEqual(DEFAULT_OPTIONS)
  })

  it("refuses affinity_full_rebuild_days 'abc' (which used to become NaN and stop the weekly rebuild)", () => {
    const e = errorOf({ affinity_full_rebuild_days: "abc" })
    expect(e.type).toBe("invalid_data")
    expect(e.message).toBe('recommendation: option affinity_full_rebuild_days must be a positive integer, got "abc"')
  })

  describe.each(OPTIONS)("%s (from %i, default %i)", (name, min, def) => {
    const must = min === 1 ? "must be a positive integer" : "must be a non-negative integer"

    it.each([
      [min, min],
      [min + 1, min + 1],
      [MAX_INT_OPTION, MAX_INT_OPTION],
      [String(min + 13), min + 13],
      [` ${min + 5}\n`, min + 5],
      [undefined, def],
    ])("accepts %p as %p", (value, parsed) => {
      expect(parseRecommendationOptions({ [name]: value })).toEqual({ ...DEFAULT_OPTIONS, [name]: parsed })
    })

    it.each([
      [min - 1, `${must}, got ${min - 1}`],
      [-5, `${must}, got -5`],
      [1.5, `${must}, got 1.5`],
      [NaN, `${must}, got NaN`],
      [Infinity, `${must}, got Infinity`],
      ["abc", `${must}, got "abc"`],
      ["", `${must}, got ""`],
      ["-1", `${must}, got "-1"`],
      ["2.5", `${must}, got "2.5"`],
      ["1e3", `${must}, got "1e3"`],
      [null, `${must}, got null`],
      [true, `${must}, got true`],
      [{}, `${must}, got {}`],
      [[3], `${must}, got [3]`],
      [MAX_INT_OPTION + 1, `${must} (at most ${MAX_INT_OPTION}), got ${MAX_INT_OPTION + 1}`],
    ])("refuses %p", (value, problem) => {
      expect(errorOf({ [name]: value }).message).toBe(`recommendation: option ${name} ${problem}`)
    })
  })

  /** A value no option accepts when its smallest value is `min`. */
  const bad = (min: 0 | 1) =>
    fc.oneof(
      fc.integer({ min: -MAX_INT_OPTION, max: min - 1 }),
      fc.double().filter((x) => !Number.isInteger(x)),
      fc.maxSafeInteger().filter((x) => x > MAX_INT_OPTION),
      fc.string().filter((s) => !/^\s*\d+\s*$/.test(s)),
      // numbers written in ways the environment might: signs, decimals, exponents
      fc
        .oneof(
          fc.double().map(String),
          fc.integer().map((n) => `${n < 0 ? "" : "+"}${n}`)
        )
        .filter((s) => !/^\s*\d+\s*$/.test(s)),
      fc.constantFrom(null, true, false, NaN, Infinity, -Infinity, "NaN", "7 days", "１２"),
      fc.bigInt(),
      fc.array(fc.integer()),
      fc.object()
    )

  /** A value `min` accepts, and the number it is read as. */
  const good = (min: 0 | 1) =>
    fc
      .integer({ min, max: MAX_INT_OPTION })
      .chain((n) => fc.constantFrom<[unknown, number]>([n, n], [String(n), n], [` ${n} `, n]))

  it("refuses a generated bad value of any option, naming that option and the value", () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...RECOMMENDATION_OPTION_NAMES)
          .chain((name) => fc.tuple(fc.constant(name), bad(MIN[name]), fc.option(good(1), { nil: undefined }))),
        ([name, value, other]) => {
          // another option, valid, alongside: it must not be named
          const otherName = name === "max_seeds" ? "max_candidates" : "max_seeds"
          const raw = { [name]: value, ...(other ? { [otherName]: other[0] } : {}) }
          const e = errorOf(raw)
          expect(e.type).toBe("invalid_data")
          expect(e.message.startsWith(`recommendation: option ${name} must be a `)).toBe(true)
          expect(e.message.endsWith(`, got ${describeValue(value)}`)).toBe(true)
          expect(e.message).not.toContain(otherName)
        }
      ),
      { numRuns: 2000 }
    )
  })

  it("accepts generated valid options: parsed equal to the input (numbers) with the defaults filled in", () => {
    const record = Object.fromEntries(RECOMMENDATION_OPTION_NAMES.map((name) => [name, good(MIN[name])]))
    fc.assert(
      fc.property(
        fc.record(record, { requiredKeys: [] }),
        fc.option(
          fc.dictionary(
            fc.string().filter((k) => !(k in DEFAULT_OPTIONS)),
            fc.anything()
          ),
          {
            nil: undefined,
          }
        ),
        (given, unknown) => {
          const pairs = Object.entries(given) as [string, [unknown, number]][]
          const raw = { ...(unknown ?? {}), ...Object.fromEntries(pairs.map(([k, [v]]) => [k, v])) }
          const expected = { ...DEFAULT_OPTIONS, ...Object.fromEntries(pairs.map(([k, [, n]]) => [k, n])) }
          expect(parseRecommendationOptions(raw)).toEqual(expected)
        }
      ),
      { numRuns: 1000 }
    )
  })
})
