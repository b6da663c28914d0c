import { applyOperator, OperatorName, OPERATORS } from "../operators"
import { ValueType } from "../attributes"

type Case = [OperatorName, ValueType, unknown, unknown, boolean, string]

/** fact OP value -> expected, with the list / empty list / missing-fact cases of every operator. */
export const OPERATOR_CASES: Case[] = [
  ["eq", "number", 3, 3, true, "equal numbers"],
  ["eq", "number", 3, 4, false, "different numbers"],
  ["eq", "number", null, 3, false, "missing fact"],
  ["eq", "string", "Gmail.com", "gmail.COM", true, "case-insensitive"],
  ["eq", "boolean", false, false, true, "false equals false"],
  ["eq", "boolean", null, false, false, "missing is not false"],
  ["eq", "date", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000Z", true, "same instant"],
  ["ne", "number", 3, 4, true, "different numbers"],
  ["ne", "number", 3, 3, false, "equal numbers"],
  ["ne", "number", null, 3, true, "missing fact is not equal"],
  ["ne", "string", "a", "A", false, "case-insensitive"],
  ["gt", "number", 151, 150, true, "above"],
  ["gt", "number", 150, 150, false, "equal is not above"],
  ["gt", "number", null, 150, false, "missing fact"],
  ["gt", "number", 0, -1, true, "zero is a number"],
  ["gte", "number", 3, 3, true, "equal"],
  ["gte", "number", 2, 3, false, "below"],
  ["gte", "number", null, 0, false, "missing fact"],
  ["lt", "number", 9, 10, true, "below"],
  ["lt", "number", null, 10, false, "missing is not below"],
  ["lt", "date", "2024-01-01", "2024-02-01", true, "earlier date"],
  ["lte", "number", 10, 10, true, "equal"],
  ["lte", "number", 11, 10, false, "above"],
  ["lte", "number", null, 10, false, "missing fact"],
  ["between", "number", 5, [5, 10], true, "inclusive low"],
  ["between", "number", 10, [5, 10], true, "inclusive high"],
  ["between", "number", 11, [5, 10], false, "outside"],
  ["between", "number", null, [5, 10], false, "missing fact"],
  ["between", "date", "2024-03-01", ["2024-01-01", "2024-12-31"], true, "date in range"],
  ["in", "number", 2, [1, 2, 3], true, "member"],
  ["in", "number", 4, [1, 2, 3], false, "not a member"],
  ["in", "number", 1, [], false, "empty list"],
  ["in", "number", null, [1], false, "missing fact"],
  ["in", "string", "FR", ["fr", "de"], true, "case-insensitive member"],
  ["in", "string_set", ["gb", "fr"], ["FR"], true, "set shares a value"],
  ["in", "string_set", ["gb"], ["fr"], false, "set shares nothing"],
  ["in", "string_set", [], ["fr"], false, "empty set"],
  ["in", "string_set", ["gb"], [], false, "empty list"],
  ["in", "string_set", null, ["gb"], false, "missing set"],
  ["not_in", "number", 4, [1, 2, 3], true, "not a member"],
  ["not_in", "number", 2, [1, 2, 3], false, "member"],
  ["not_in", "number", 1, [], true, "empty list"],
  ["not_in", "number", null, [1], true, "missing fact"],
  ["not_in", "string_set", [], ["fr"], true, "empty set"],
  ["not_in", "string_set", ["fr"], ["fr"], false, "set shares a value"],
  ["contains", "string", "customer-12@Example.com", "example", true, "substring, case-insensitive"],
  ["contains", "string", "abc", "x", false, "no substring"],
  ["contains", "string", null, "x", false, "missing fact"],
  ["contains", "string_set", ["vip", "b2b"], "VIP", true, "set member"],
  ["contains", "string_set", [], "vip", false, "empty set"],
  ["is_set", "number", 0, undefined, true, "zero is set"],
  ["is_set", "number", null, undefined, false, "missing"],
  ["is_set", "boolean", false, undefined, true, "false is set"],
  ["is_set", "string", "", undefined, false, "empty string is not set"],
  ["is_set", "string_set", ["a"], undefined, true, "non-empty set"],
  ["is_set", "string_set", [], undefined, false, "empty set"],
  ["is_not_set", "number", null, undefined, true, "missing"],
  ["is_not_set", "string", "", undefined, true, "empty string"],
  ["is_not_set", "string_set", [], undefined, true, "empty set"],
  ["is_not_set", "date", "2024-01-01", undefined, false, "present date"],
  ["any", "purchase", 1, ["p1", "p2"], true, "bought one listed item"],
  ["any", "purchase", 0, ["p1", "p2"], false, "bought none"],
  ["any", "purchase", 0, [], false, "empty list"],
  ["all", "purchase", 2, ["p1", "p2"], true, "bought both"],
  ["all", "purchase", 1, ["p1", "p2"], false, "bought one of two"],
  ["all", "purchase", 2, ["p1", "p2", "p2"], true, "duplicates counted once"],
  ["all", "purchase", 0, [], true, "empty list is vacuously true"],
  ["none", "purchase", 0, ["p1"], true, "bought none"],
  ["none", "purchase", 1, ["p1"], false, "bought one"],
  ["none", "purchase", 0, [], true, "empty list"],
]

describe("operators (in-memory form)", () => {
  it.each(OPERATOR_CASES)("%s on %s: fact %j value %j -> %s (%s)", (op, type, fact, value, expected) => {
    expect(applyOperator(op, type, fact, value)).toBe(expected)
  })

  it("covers every operator", () => {
    const covered = new Set(OPERATOR_CASES.map((c) => c[0]))
    expect([...covered].sort()).toEqual(Object.keys(OPERATORS).sort())
  })

  it("negative operators are complements of their twin on every case", () => {
    const twins: [OperatorName, OperatorName][] = [
      ["eq", "ne"],
      ["in", "not_in"],
      ["is_set", "is_not_set"],
      ["any", "none"],
    ]
    for (const [pos, neg] of twins) {
      for (const [op, type, fact, value] of OPERATOR_CASES) {
        if (op === pos || op === neg) {
          expect(applyOperator(neg, type, fact, value)).toBe(!applyOperator(pos, type, fact, value))
        }
      }
    }
  })
})
