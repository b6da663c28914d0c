import fc from "fast-check"
import { ATTRIBUTES, OPERATORS, MAX_RULE_DEPTH } from "../../src/modules/segment/utils"

/** Strings a storefront or a script might send: ordinary, long, and ones PostgreSQL cannot store. */
export const oddString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      "a\u0000b",
      "\u0000",
      "\ud800",
      "x\udc00y",
      "😀",
      "__proto__",
      "constructor",
      "' or 1=1 --",
      "$1",
      "?",
      "%00",
      "x".repeat(501),
      "é".repeat(3000)
    ),
  }
)

/** Dates as text: real ISO dates across the accepted range, and the ones that used to pass and then fail. */
export const oddDate = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "0000-01-01",
      "0000-06-15T00:00:00Z",
      "-000001-01-01T00:00:00Z",
      "+010000-01-01T00:00:00Z",
      "10000-01-01",
      "2021-02-30",
      "2021-13-01",
      "2021-01-01T25:00:00Z",
      "March 7, 2021",
      "1899-12-31",
      "9999-12-31",
      "2024-02-29",
      "now"
    ),
  },
  { weight: 1, arbitrary: oddString }
)

export const oddNumber = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 1e-300, 2 ** 53, 150)
)

const attributeNames = Object.keys(ATTRIBUTES)
const operatorNames = Object.keys(OPERATORS)

/** Mostly values a merchant would type, sometimes odd ones (so about half the trees are valid). */
function valueFor(type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case "number":
      return fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 2000 }) }, { weight: 1, arbitrary: oddNumber })
    case "date":
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
            .map((d) => d.toISOString()),
        },
        { weight: 1, arbitrary: oddDate }
      )
    case "boolean":
      return fc.boolean()
    default:
      return fc.oneof(
        { weight: 6, arbitrary: fc.stringMatching(/^[a-z0-9._-]{1,12}$/) },
        { weight: 1, arbitrary: oddString }
      )
  }
}

/** A condition that is mostly well-formed: a real attribute, an operator of its type, a value of its shape. */
export const condition: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    attribute: fc.constantFrom(...attributeNames),
    pick: fc.nat(),
    scalar: fc.anything(),
    wrongOperator: fc.boolean(),
    window: fc.option(
      fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 3650 }) }, fc.integer({ min: -5, max: 40000 })),
      { nil: undefined }
    ),
    keyed: fc.option(oddString, { nil: undefined }),
  })
  .chain(({ attribute, pick, wrongOperator, window, keyed }) => {
    const attr = (ATTRIBUTES as Record<string, { type: string; windowable: boolean; requiresKey?: boolean }>)[attribute]
    const fitting = operatorNames.filter((o) => (OPERATORS as any)[o].types.includes(attr.type))
    const operator =
      wrongOperator && pick % 5 === 0 ? operatorNames[pick % operatorNames.length] : fitting[pick % fitting.length]
    const shape = (OPERATORS as any)[operator].shape as string
    const element = valueFor(attr.type === "purchase" || attr.type === "string_set" ? "string" : attr.type)
    const value: fc.Arbitrary<unknown> =
      shape === "none"
        ? fc.constant(undefined)
        : shape === "pair"
          ? fc.tuple(element, element)
          : shape === "list"
            ? fc.array(element, { maxLength: 4 })
            : element
    return value.map((v) => {
      const node: Record<string, unknown> = { type: "condition", attribute, operator }
      if (v !== undefined) node.value = v
      if (window !== undefined && attr.windowable) node.window_days = window
      // a key where the attribute takes none is a mistake: make it a rare one
      if (attr.requiresKey) node.key = keyed ?? "tier"
      else if (keyed !== undefined && pick % 10 === 0) node.key = keyed
      return node
    })
  })

/** Rule trees, nested up to a little past the depth limit. */
export const ruleTree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", maxDepth: MAX_RULE_DEPTH + 2, withCrossShrink: true },
    { weight: 3, arbitrary: condition },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constantFrom("all", "any"),
        conditions: fc.array(tie("node"), { maxLength: 4 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("not"), condition: tie("node") }) }
  ),
})).node

/** Trees the validator must refuse: random JSON, unknown names, extra keys, huge or deep shapes. */
export const brokenTree: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 4 }),
  fc.record({ type: oddString, conditions: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }) }),
  fc.record({
    type: fc.constant("condition"),
    attribute: oddString,
    operator: oddString,
    value: fc.anything({ maxDepth: 2 }),
  }),
  condition.map((c) => ({ ...c, extra: 1 })),
  fc.integer({ min: 40, max: 260 }).chain((n) =>
    fc.constantFrom("all", "any").map((type) => ({
      type,
      conditions: Array.from({ length: n }, (_, i) => ({
        type: "condition",
        attribute: "order_count",
        operator: "gte",
        value: i % 7,
      })),
    }))
  ),
  // deeper than ~1,500 levels the test client's own JSON.stringify runs out of stack
  fc.integer({ min: MAX_RULE_DEPTH, max: 1500 }).map((depth) => nest(depth))
)

/** Groups and `not`s alternating `depth` levels deep around one condition (built iteratively). */
export function nest(depth: number): unknown {
  let node: unknown = { type: "condition", attribute: "order_count", operator: "gte", value: 1 }
  for (let i = 0; i < depth; i++) {
    node = i % 2 ? { type: "not", condition: node } : { type: "all", conditions: [node] }
  }
  // fast-check prints a counterexample recursively: name it instead (JSON.stringify skips symbols)
  Object.defineProperty(node, fc.toStringMethod, { value: () => `nest(${depth})` })
  return node
}

/** Dates the API accepts (ISO, 1900..9999), as text. */
export const validDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString())

/**
 * An object whose fields are each either taken from `valid` (most of the time, so that a fair
 * share of whole bodies is valid) or replaced by something odd (`odd[k]`, any value, a string, a number).
 */
export function perturbed(
  valid: Record<string, fc.Arbitrary<unknown>>,
  odd: Record<string, fc.Arbitrary<unknown>> = {}
) {
  const fields = Object.fromEntries(
    Object.entries(valid).map(([k, arb]) => [
      k,
      fc.oneof(
        { weight: 24, arbitrary: arb },
        { weight: 1, arbitrary: odd[k] ?? fc.anything({ maxDepth: 2 }) },
        { weight: 1, arbitrary: oddString },
        { weight: 1, arbitrary: oddNumber }
      ),
    ])
  )
  const keys = Object.keys(fields)
  // every field present, except now and then one left out
  return fc.tuple(fc.record(fields), fc.nat({ max: keys.length * 8 })).map(([body, drop]) => {
    const out: Record<string, unknown> = { ...body }
    if (drop < keys.length) delete out[keys[drop]]
    return out
  })
}
