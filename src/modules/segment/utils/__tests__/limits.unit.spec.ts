import { MAX_RULE_CONDITIONS, MAX_RULE_DEPTH, MAX_RULE_NODES, ruleTreeLimitProblem } from "../rules"
import { findRuleProblems } from "../validate"

const leaf = { type: "condition", attribute: "order_count", operator: "gte", value: 1 }
const nest = (depth: number) => {
  let node: unknown = leaf
  for (let i = 0; i < depth; i++) node = { type: "not", condition: node }
  return node
}
const wide = (n: number) => ({ type: "all", conditions: Array.from({ length: n }, () => leaf) })

describe("rule tree limits", () => {
  it.each([
    ["a leaf", leaf, null],
    [`${MAX_RULE_DEPTH} levels`, nest(MAX_RULE_DEPTH), null],
    [
      `${MAX_RULE_DEPTH + 1} levels`,
      nest(MAX_RULE_DEPTH + 1),
      `nesting deeper than ${MAX_RULE_DEPTH} levels below the root`,
    ],
    ["100,000 levels", nest(100_000), `nesting deeper than ${MAX_RULE_DEPTH} levels below the root`],
    [`${MAX_RULE_CONDITIONS} conditions`, wide(MAX_RULE_CONDITIONS), null],
    [
      `${MAX_RULE_CONDITIONS + 1} conditions`,
      wide(MAX_RULE_CONDITIONS + 1),
      `more than ${MAX_RULE_CONDITIONS} conditions in one tree`,
    ],
    [
      `${MAX_RULE_NODES + 1} nodes`,
      { type: "any", conditions: Array.from({ length: MAX_RULE_NODES }, () => ({ type: "all", conditions: [] })) },
      `more than ${MAX_RULE_NODES} nodes in one tree`,
    ],
    ["not an object", "all", null],
  ])("%s", (_, tree, message) => {
    expect(ruleTreeLimitProblem(tree)?.message ?? null).toBe(message)
  })

  it("names the path of the node past the depth limit", () => {
    const { problems } = findRuleProblems({ type: "all", conditions: [leaf, nest(MAX_RULE_DEPTH)] })
    expect(problems).toEqual([
      {
        path: `rules.conditions[1]${".condition".repeat(MAX_RULE_DEPTH)}`,
        message: `nesting deeper than ${MAX_RULE_DEPTH} levels below the root`,
      },
    ])
  })

  it.each([
    ["year 0", "0000-01-01", "must be between 1900-01-01 and 9999-12-31"],
    ["year 10000", "+010000-01-01T00:00:00Z", "must be an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ)"],
    ["February 30th", "2021-02-30", "is not a real calendar date and time"],
  ])("refuses a date in %s", (_, value, message) => {
    const { problems } = findRuleProblems({ type: "condition", attribute: "first_order_date", operator: "gt", value })
    expect(problems).toEqual([{ path: "rules.value", message }])
  })

  it("refuses a string value longer than 500 characters", () => {
    const { problems } = findRuleProblems({
      type: "condition",
      attribute: "email_domain",
      operator: "eq",
      value: "x".repeat(501),
    })
    expect(problems).toEqual([{ path: "rules.value", message: "must be at most 500 characters" }])
  })
})
