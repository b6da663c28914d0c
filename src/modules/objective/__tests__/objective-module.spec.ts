import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { OBJECTIVE_MODULE } from ".."
import ObjectiveModuleService from "../service"
import Objective from "../models/objective"
import ObjectiveSnapshot from "../models/objective-snapshot"
import DecisionLog from "../models/decision-log"
import { assignGroup } from "../utils/holdout"

jest.setTimeout(60000)

moduleIntegrationTestRunner<ObjectiveModuleService>({
  moduleName: OBJECTIVE_MODULE,
  moduleModels: [Objective, ObjectiveSnapshot, DecisionLog],
  resolve: "./src/modules/objective",
  testSuite: ({ service }) => {
    it("stores an objective with an obj_ id and the documented defaults", async () => {
      const o = await service.createObjectives({ name: "Raise AOV", metric: "average_order_value" })
      expect(o.id).toMatch(/^obj_/)
      expect(o.holdout_share).toBeCloseTo(0.05, 6)
      expect(o.status).toBe("draft")
      expect(o.direction).toBe("increase")
      expect(o.currency_code).toBe("gbp")
    })

    it("logs a decision and refuses an entry without entity or action, naming each", async () => {
      const entry = await service.logDecision({
        entity_type: "segment",
        entity_id: "seg_1",
        action: "activated",
        actor_id: "user_1",
        reason: "launch",
        diff: { status: { from: "draft", to: "active" } },
      })
      expect(entry.id).toMatch(/^declog_/)
      const [listed] = await service.listDecisionLogs({ entity_id: "seg_1" })
      expect(listed.diff).toEqual({ status: { from: "draft", to: "active" } })
      const e = await service.logDecision({ entity_type: "", entity_id: "", action: "x" } as any).catch((e) => e)
      expect(e.type).toBe("invalid_data")
      expect(e.message).toMatch(/entity_type is required; entity_id is required/)
    })

    it("experimentFor: with two active objectives the earlier started one governs the engine", async () => {
      const [first, second] = await service.createObjectives([
        {
          name: "First",
          metric: "conversion_rate",
          status: "active",
          holdout_share: 0.5,
          started_at: new Date("2026-01-01"),
        },
        {
          name: "Second",
          metric: "average_order_value",
          status: "active",
          holdout_share: 0.2,
          started_at: new Date("2026-02-01"),
        },
      ])
      await service.createObjectives({ name: "Draft", metric: "conversion_rate" })
      const e = await service.experimentFor("cus_42")
      expect(e.engine_objective_id).toBe(first.id)
      expect(e.assignments).toEqual([
        {
          objective_id: first.id,
          group: assignGroup(first.id, "cus_42", 0.5),
          holdout_share: 0.5,
          governs_recommendations: true,
        },
        {
          objective_id: second.id,
          group: assignGroup(second.id, "cus_42", 0.2),
          holdout_share: 0.2,
          governs_recommendations: false,
        },
      ])
      // when the governing objective ends, the next one to have started takes over
      await service.updateObjectives({ id: first.id, status: "achieved" })
      expect((await service.experimentFor("cus_42")).engine_objective_id).toBe(second.id)
      await service.updateObjectives({ id: second.id, status: "abandoned" })
      expect(await service.experimentFor("cus_42")).toEqual({ engine_objective_id: null, assignments: [] })
    })

    it("deleting an objective cascades to its snapshots", async () => {
      const o = await service.createObjectives({ name: "Convert", metric: "conversion_rate" })
      await service.createObjectiveSnapshots({
        objective_id: o.id,
        group: "holdout",
        metric: "conversion_rate",
        period_start: new Date("2026-01-01"),
        period_end: new Date("2026-02-01"),
        n: 10,
        value: 0.1,
        std_error: 0.09,
      } as any)
      await service.softDeleteObjectives(o.id)
      expect(await service.listObjectiveSnapshots({ objective_id: o.id })).toHaveLength(0)
    })
  },
})
