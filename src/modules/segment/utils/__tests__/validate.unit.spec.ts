import { MedusaError } from "@medusajs/framework/utils"
import { assertValidRuleTree, findRuleProblems } from "../validate"

const aov = {
  type: "all",
  conditions: [
    { type: "condition", attribute: "order_count", operator: "gte", value: 3, window_days: 90 },
    { type: "condition", attribute: "average_order_value", operator: "gt", value: 150 },
  ],
}

describe("validateRuleTree", () => {
  it("accepts the AOV example", () => {
    expect(findRuleProblems(aov).problems).toEqual([])
  })

  it.each<[unknown, string]>([
    [{ type: "all", conditions: [] }, "empty all"],
    [{ type: "any", conditions: [] }, "empty any"],
    [{ type: "not", condition: { type: "condition", attribute: "has_account", operator: "eq", value: true } }, "not"],
    [{ type: "condition", attribute: "address_country", operator: "in", value: [] }, "empty list"],
    [{ type: "condition", attribute: "metadata", key: "tier", operator: "eq", value: "gold" }, "metadata key"],
    [{ type: "condition", attribute: "rfm_group", operator: "in", value: ["champions", "loyal"] }, "rfm"],
    [
      {
        type: "condition",
        attribute: "products_purchased",
        operator: "all",
        value: ["prod_1"],
        min_quantity: 2,
        window_days: 30,
      },
      "purchase",
    ],
    [
      { type: "condition", attribute: "created_at", operator: "between", value: ["2024-01-01", "2024-12-31"] },
      "date between",
    ],
    [{ type: "condition", attribute: "email_domain", operator: "is_set" }, "is_set without value"],
  ])("accepts %j (%s)", (tree) => {
    expect(findRuleProblems(tree).problems).toEqual([])
  })

  it.each<[unknown, string[]]>([
    [{ type: "condition", attribute: "shoe_size", operator: "eq", value: 1 }, ["rules.attribute"]],
    [{ type: "condition", attribute: "order_count", operator: "like", value: 1 }, ["rules.operator"]],
    [{ type: "condition", attribute: "order_count", operator: "contains", value: 1 }, ["rules.operator"]],
    [{ type: "condition", attribute: "order_count", operator: "gt", value: "3" }, ["rules.value"]],
    [{ type: "condition", attribute: "order_count", operator: "gt" }, ["rules.value"]],
    [{ type: "condition", attribute: "order_count", operator: "between", value: [10, 1] }, ["rules.value"]],
    [{ type: "condition", attribute: "order_count", operator: "between", value: [1] }, ["rules.value"]],
    [{ type: "condition", attribute: "order_count", operator: "in", value: [1, "x"] }, ["rules.value[1]"]],
    [{ type: "condition", attribute: "order_count", operator: "is_set", value: 1 }, ["rules.value"]],
    [
      { type: "condition", attribute: "has_account", operator: "eq", value: true, window_days: 30 },
      ["rules.window_days"],
    ],
    [
      { type: "condition", attribute: "order_count", operator: "gt", value: 1, min_quantity: 2 },
      ["rules.min_quantity"],
    ],
    [{ type: "condition", attribute: "metadata", operator: "eq", value: "x" }, ["rules.key"]],
    [{ type: "condition", attribute: "rfm_group", operator: "eq", value: "vip" }, ["rules.value"]],
    [{ type: "condition", attribute: "created_at", operator: "gt", value: "yesterday" }, ["rules.value"]],
    [{ type: "or", conditions: [] }, ["rules.type"]],
    [
      {
        type: "all",
        conditions: [
          { type: "condition", attribute: "x", operator: "eq", value: 1 },
          { type: "condition", attribute: "order_count", operator: "zz", value: 1 },
        ],
      },
      ["rules.conditions[0].attribute", "rules.conditions[1].operator"],
    ],
  ])("rejects %j at %j", (tree, paths) => {
    expect(findRuleProblems(tree).problems.map((p) => p.path)).toEqual(paths)
  })

  it("throws one INVALID_DATA error naming every path", () => {
    const e = (() => {
      try {
        assertValidRuleTree({
          type: "any",
          conditions: [
            { type: "condition", attribute: "nope", operator: "eq", value: 1 },
            { type: "not", condition: { type: "condition", attribute: "order_count", operator: "gt", value: "x" } },
          ],
        })
      } catch (err) {
        return err as MedusaError
      }
    })()
    expect(e).toBeInstanceOf(MedusaError)
    expect(e!.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(e!.message).toContain("rules.conditions[0].attribute")
    expect(e!.message).toContain("rules.conditions[1].condition.value")
  })
})
