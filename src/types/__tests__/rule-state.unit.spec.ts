import { ATTRIBUTES, OPERATORS } from "../../modules/segment/utils"
import {
  describeRules,
  emptyRow,
  Row,
  rowProblem,
} from "../../admin/routes/personalization/segments/components/rule-state"
import type { AdminSegmentAttribute, AdminSegmentOperator } from "../segments"

const attributes = Object.entries(ATTRIBUTES).map(([name, a]) => ({ name, ...a })) as AdminSegmentAttribute[]
const operators = Object.entries(OPERATORS).map(([name, o]) => ({
  name,
  types: o.types,
  shape: o.shape,
  semantics: o.semantics,
})) as AdminSegmentOperator[]

const row = (patch: Partial<Row>): Row => ({ ...emptyRow(), ...patch })

describe("rowProblem", () => {
  it.each<[string, Partial<Row>, string | null]>([
    ["a new row (nothing typed yet)", {}, "Enter a value"],
    ["a count", { value: "3" }, null],
    ["a count with a window", { value: "3", window_days: "90" }, null],
    ["not a number", { value: "three" }, "Enter a number"],
    ["a window of 0 days", { value: "3", window_days: "0" }, "The window must be a whole number of days above 0"],
    ["a window of 1.5 days", { value: "3", window_days: "1.5" }, "The window must be a whole number of days above 0"],
    ["an unknown attribute", { attribute: "shoe_size", value: "3" }, "Choose an attribute"],
    ["an operator of another type", { operator: "contains", value: "3" }, "Choose a comparison"],
    ["between without upper value", { operator: "between", value: "1" }, "Enter a value"],
    [
      "between reversed",
      { operator: "between", value: "5", value2: "1" },
      "The first value must not be greater than the second",
    ],
    ["between", { operator: "between", value: "1", value2: "5" }, null],
    ["a date", { attribute: "last_order_date", operator: "lt", value: "2026-01-01" }, null],
    ["a date in words", { attribute: "last_order_date", operator: "lt", value: "Jan 1" }, "Enter a date as YYYY-MM-DD"],
    ["is set takes no value", { attribute: "last_order_date", operator: "is_set" }, null],
    [
      "an empty list",
      { attribute: "rfm_group", operator: "in", value: " , " },
      "Enter at least one value (comma-separated)",
    ],
    ["a list", { attribute: "rfm_group", operator: "in", value: "champions, loyal" }, null],
    ["a list with a bad number", { operator: "in", value: "1, x" }, '"x": enter a number'],
    ["metadata without key", { attribute: "metadata", operator: "eq", value: "gold" }, "Enter the metadata key"],
    ["metadata", { attribute: "metadata", operator: "eq", value: "gold", meta_key: "tier" }, null],
    ["a boolean", { attribute: "has_account", operator: "eq", value: "true" }, null],
    ["a boolean not chosen", { attribute: "has_account", operator: "eq", value: "" }, "Enter a value"],
    [
      "a purchase with quantity 0",
      { attribute: "products_purchased", operator: "any", value: "prod_1", min_quantity: "0" },
      "The minimum quantity must be above 0",
    ],
  ])("%s -> %j", (_, patch, expected) => {
    expect(rowProblem(row(patch), attributes, operators)).toBe(expected)
  })

  it("a new row starts untouched, so the builder shows its problem only after the merchant typed", () => {
    expect(emptyRow().touched).toBe(false)
  })
})

describe("describeRules", () => {
  it("reads a tree in words, one line per node, indented by depth", () => {
    expect(
      describeRules(
        {
          type: "all",
          conditions: [
            { type: "condition", attribute: "order_count", operator: "gte", value: 3, window_days: 90 },
            {
              type: "any",
              conditions: [
                { type: "condition", attribute: "average_order_value", operator: "between", value: [100, 200] },
                {
                  type: "not",
                  condition: {
                    type: "condition",
                    attribute: "rfm_group",
                    operator: "in",
                    value: ["at_risk", "hibernating"],
                  },
                },
              ],
            },
            { type: "condition", attribute: "products_purchased", operator: "any", value: ["prod_1"], min_quantity: 2 },
            { type: "condition", attribute: "metadata", key: "tier", operator: "is_set" },
          ],
        },
        attributes
      )
    ).toEqual([
      { depth: 0, text: "All of:" },
      { depth: 1, text: "Order count in the last 90 days is at least 3" },
      { depth: 1, text: "Any of:" },
      { depth: 2, text: "Average order value is between 100 and 200" },
      { depth: 2, text: "Not:" },
      { depth: 3, text: "RFM group is one of at_risk, hibernating" },
      { depth: 1, text: "Products purchased bought any of prod_1 (at least 2 units each)" },
      { depth: 1, text: "Customer metadata [tier] is known" },
    ])
  })

  it.each([
    [{ type: "all", conditions: [] }, "Every customer (no condition)"],
    [{ type: "any", conditions: [] }, "Nobody (no condition)"],
  ] as const)("%j -> %s", (tree, text) => {
    expect(describeRules(tree as never, attributes)).toEqual([{ depth: 0, text }])
  })
})
