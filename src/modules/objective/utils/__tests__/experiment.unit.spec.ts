import { engineObjectiveId, experimentFor, ExperimentObjective } from "../experiment"
import { assignGroup } from "../holdout"

const first: ExperimentObjective = {
  id: "obj_b",
  holdout_share: 0.5,
  started_at: "2026-01-01T00:00:00Z",
  created_at: "2025-12-01T00:00:00Z",
}
const second: ExperimentObjective = {
  id: "obj_a",
  holdout_share: 0.1,
  started_at: "2026-02-01T00:00:00Z",
  created_at: "2026-02-01T00:00:00Z",
}

describe("experiment design: several active objectives", () => {
  it.each<[string, ExperimentObjective[], string | null]>([
    ["none active", [], null],
    ["one active", [second], "obj_a"],
    ["the earliest started governs, whatever the id or list order", [second, first], "obj_b"],
    [
      "ties on started_at go to the smaller id",
      [first, { ...second, started_at: first.started_at, id: "obj_0" }],
      "obj_0",
    ],
    [
      "an objective with no started_at counts from its created_at",
      [first, { ...second, started_at: null, created_at: "2025-06-01T00:00:00Z" }],
      "obj_a",
    ],
  ])("engine objective: %s", (_name, objectives, expected) => {
    expect(engineObjectiveId(objectives)).toBe(expected)
  })

  it("gives a customer's group in every active objective with the objective's own hash and share", () => {
    for (let i = 0; i < 200; i++) {
      const customer = `cus_${i}`
      const e = experimentFor([second, first], customer)
      expect(e.engine_objective_id).toBe("obj_b")
      expect(e.assignments).toEqual([
        {
          objective_id: "obj_b",
          group: assignGroup("obj_b", customer, 0.5),
          holdout_share: 0.5,
          governs_recommendations: true,
        },
        {
          objective_id: "obj_a",
          group: assignGroup("obj_a", customer, 0.1),
          holdout_share: 0.1,
          governs_recommendations: false,
        },
      ])
    }
  })

  it("activating a second objective never moves a customer's engine group", () => {
    for (let i = 0; i < 500; i++) {
      const customer = `cus_${i}`
      const before = experimentFor([first], customer)
      const after = experimentFor([first, second], customer)
      const engine = (x: typeof before) => x.assignments.find((a) => a.governs_recommendations)!.group
      expect(after.engine_objective_id).toBe(before.engine_objective_id)
      expect(engine(after)).toBe(engine(before))
    }
  })
})
