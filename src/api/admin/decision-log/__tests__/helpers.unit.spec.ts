import { userName, withNames } from "../helpers"
import type { DecisionLogDTO } from "../../../../modules/objective/types"

const entry = (over: Partial<DecisionLogDTO>): DecisionLogDTO =>
  ({
    id: "declog_1",
    entity_type: "segment",
    entity_id: "seg_1",
    action: "created",
    actor_id: null,
    reason: null,
    diff: null,
    created_at: new Date("2026-01-01"),
    updated_at: new Date("2026-01-01"),
    deleted_at: null,
    ...over,
  }) as DecisionLogDTO

describe("decision log names", () => {
  it.each([
    [{ id: "u", first_name: "Ada", last_name: "Lovelace" }, "Ada Lovelace"],
    [{ id: "u", first_name: "Ada", last_name: null }, "Ada"],
    [{ id: "u", first_name: null, last_name: null }, null],
  ])("userName(%p) is %p", (user, name) => {
    expect(userName(user)).toBe(name)
  })

  it("puts the admin user and the entity name next to the ids, falling back to the name the entry recorded", () => {
    const users = new Map([["user_1", { id: "user_1", email: "ada@shop.test", first_name: "Ada", last_name: null }]])
    const names = new Map([["segment:seg_1", "Loyal"]])
    const out = withNames(
      [
        entry({ actor_id: "user_1" }),
        entry({
          id: "declog_2",
          actor_id: "script",
          entity_type: "objective",
          entity_id: "obj_gone",
          diff: { name: "Old" },
        }),
        entry({ id: "declog_3", entity_type: "recommendation_rule", entity_id: "rule_x" }),
      ],
      users,
      names
    )
    expect(out.map((d) => [d.actor, d.entity_name])).toEqual([
      [{ id: "user_1", email: "ada@shop.test", name: "Ada" }, "Loyal"],
      [null, "Old"],
      [null, null],
    ])
    expect(out[1].actor_id).toBe("script")
  })
})
