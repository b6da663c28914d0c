import { applyOperator, OperatorName, OPERATORS } from "../operators"
import { OPERATOR_CASES } from "./operator-cases"

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
