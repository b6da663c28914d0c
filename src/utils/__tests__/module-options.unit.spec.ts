import { z } from "@medusajs/framework/zod"
import { coerceNumericString, describeValue, intOption, MAX_INT_OPTION, parseModuleOptions } from "../module-options"

describe("coerceNumericString", () => {
  it.each([
    ["14", 14],
    [" 14 ", 14],
    ["0", 0],
    ["007", 7],
    ["", ""],
    ["abc", "abc"],
    ["-1", "-1"],
    ["7.5", "7.5"],
    ["1e3", "1e3"],
    ["0x10", "0x10"],
    [14, 14],
    [null, null],
    [true, true],
  ])("%j -> %j", (input, expected) => {
    expect(coerceNumericString(input)).toEqual(expected)
  })
})

describe("describeValue", () => {
  it.each([
    ["abc", '"abc"'],
    ["", '""'],
    [NaN, "NaN"],
    [-1, "-1"],
    [1.5, "1.5"],
    [Infinity, "Infinity"],
    [null, "null"],
    [undefined, "undefined"],
    [true, "true"],
    [10n, "10n"],
    [{ a: 1 }, '{"a":1}'],
    [[1, 2], "[1,2]"],
    [() => 1, "a function"],
    [Symbol("s"), "a symbol"],
    ["x".repeat(100), `"${"x".repeat(76)}...`],
  ])("%p -> %s", (input, expected) => {
    expect(describeValue(input)).toBe(expected)
  })

  it("describes a circular object without throwing", () => {
    const o: Record<string, unknown> = {}
    o.self = o
    expect(describeValue(o)).toBe("[object Object]")
  })
})

describe("parseModuleOptions", () => {
  const schema = z.object({ every_days: intOption(1, 7), ttl: intOption(0, 60) })

  it("fills defaults for options left out or undefined", () => {
    expect(parseModuleOptions("m", schema, undefined)).toEqual({ every_days: 7, ttl: 60 })
    expect(parseModuleOptions("m", schema, null)).toEqual({ every_days: 7, ttl: 60 })
    expect(parseModuleOptions("m", schema, { every_days: undefined, ttl: 0 })).toEqual({ every_days: 7, ttl: 0 })
  })

  it("reads numeric strings as numbers", () => {
    expect(parseModuleOptions("m", schema, { every_days: "14", ttl: " 0 " })).toEqual({ every_days: 14, ttl: 0 })
  })

  it("ignores keys it does not know: a sibling module's options, Medusa's database settings, symbols", () => {
    const raw = { every_days: 3, event_rate_per_minute: "x", database: { clientUrl: "postgres://" }, [Symbol("s")]: 1 }
    expect(parseModuleOptions("m", schema, raw)).toEqual({ every_days: 3, ttl: 60 })
  })

  it.each([
    [{ every_days: "abc" }, 'm: option every_days must be a positive integer, got "abc"'],
    [{ every_days: 0 }, "m: option every_days must be a positive integer, got 0"],
    [{ every_days: -3 }, "m: option every_days must be a positive integer, got -3"],
    [{ every_days: 1.5 }, "m: option every_days must be a positive integer, got 1.5"],
    [{ every_days: NaN }, "m: option every_days must be a positive integer, got NaN"],
    [{ every_days: null }, "m: option every_days must be a positive integer, got null"],
    [{ ttl: -1 }, "m: option ttl must be a non-negative integer, got -1"],
    [
      { ttl: MAX_INT_OPTION + 1 },
      `m: option ttl must be a non-negative integer (at most ${MAX_INT_OPTION}), got ${MAX_INT_OPTION + 1}`,
    ],
    [
      { every_days: "", ttl: [] },
      'm: option every_days must be a positive integer, got ""; m: option ttl must be a non-negative integer, got []',
    ],
  ])("%p is refused: %s", (raw, message) => {
    const e = (() => {
      try {
        return parseModuleOptions("m", schema, raw)
      } catch (e) {
        return e as { type: string; message: string }
      }
    })() as { type: string; message: string }
    expect(e.type).toBe("invalid_data")
    expect(e.message).toBe(message)
  })

  it.each([["abc"], [7], [[1]], [true]])("options %p that are not an object are refused", (raw) => {
    expect(() => parseModuleOptions("m", schema, raw)).toThrow(/^m: options must be an object, got /)
  })
})
