import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { SEGMENT_MODULE } from ".."
import SegmentModuleService from "../service"
import Segment from "../models/segment"
import SegmentMembership from "../models/segment-membership"
import SegmentVersion from "../models/segment-version"
import { applyOperator, operatorSql, Params, toKnexBindings, ValueType } from "../utils"
import { OPERATOR_CASES } from "../utils/__tests__/operator-cases"

jest.setTimeout(60000)

function factSql(p: Params, type: ValueType, fact: unknown): string {
  switch (type) {
    case "string_set":
      return `(case when ${p.add(fact == null ? null : JSON.stringify(fact), "jsonb")} is null then null::text[] else array(select lower(x) from jsonb_array_elements_text(${p.add(
        fact == null ? null : JSON.stringify(fact),
        "jsonb"
      )}) x) end)`
    case "string":
      return p.add(fact, "text")
    case "date":
      return p.add(fact == null ? null : new Date(String(fact)).toISOString(), "timestamptz")
    case "boolean":
      return p.add(fact, "boolean")
    default:
      return p.add(fact == null ? null : String(fact), "numeric")
  }
}

moduleIntegrationTestRunner<SegmentModuleService>({
  moduleName: SEGMENT_MODULE,
  moduleModels: [Segment, SegmentMembership, SegmentVersion],
  resolve: "./src/modules/segment",
  testSuite: ({ service, MikroOrmWrapper }) => {
    it("stores a segment with a seg_ id and defaults", async () => {
      const created = await service.createSegments({ name: "High value", handle: "high-value" })
      expect(created.id).toMatch(/^seg_/)
      expect(created.status).toBe("draft")
      expect(created.exclusive).toBe(false)
      const [listed, count] = await service.listAndCountSegments({ handle: "high-value" })
      expect(count).toBe(1)
      expect(listed[0].name).toBe("High value")
    })

    describe("operator SQL forms agree with the in-memory forms", () => {
      it.each(OPERATOR_CASES)("%s on %s: fact %j value %j -> %s (%s)", async (op, type, fact, value, expected) => {
        const p = new Params()
        const f = factSql(p, type, fact)
        const sql = `select (${operatorSql(p, op, type, f, value)}) as r`
        const manager = MikroOrmWrapper.forkManager()
        const q = toKnexBindings({ sql, params: p.values })
        const [row] = await manager.execute(q.sql, q.params)
        expect(row.r).toBe(expected)
        expect(applyOperator(op, type, fact, value)).toBe(row.r)
      })
    })

    it("versions every recorded edit with who", async () => {
      const s = await service.createSegments({ name: "V", handle: "v" })
      const v1 = await service.recordVersion(s.id, "user_1")
      await service.updateSegments({ id: s.id, name: "V2" })
      const v2 = await service.recordVersion(s.id, "user_2")
      expect([v1.version, v2.version]).toEqual([1, 2])
      const versions = await service.listSegmentVersions({ segment_id: s.id }, { order: { version: "ASC" } })
      expect(versions.map((v) => [v.version, v.actor_id, (v.definition as any).name])).toEqual([
        [1, "user_1", "V"],
        [2, "user_2", "V2"],
      ])
      expect((await service.retrieveSegment(s.id)).version).toBe(2)
    })

    it("lists a customer's current segments and the overlap matrix", async () => {
      const [a, b] = await service.createSegments([
        { name: "A", handle: "a", priority: 1 },
        { name: "B", handle: "b", priority: 5 },
      ])
      const now = new Date()
      await service.createSegmentMemberships([
        { segment_id: a.id, customer_id: "cus_1", entered_at: now },
        { segment_id: a.id, customer_id: "cus_2", entered_at: now },
        { segment_id: b.id, customer_id: "cus_1", entered_at: now },
        { segment_id: b.id, customer_id: "cus_2", entered_at: now, exited_at: now },
        { segment_id: b.id, customer_id: "cus_3", entered_at: now },
      ])
      const mine = await service.listCustomerSegments("cus_1")
      expect(mine.map((s) => s.handle)).toEqual(["b", "a"])
      expect((await service.listCustomerSegments("cus_2")).map((s) => s.handle)).toEqual(["a"])
      expect(await service.listCustomerSegmentIds("cus_1")).toEqual([a.id, b.id].sort())
      expect(await service.listCustomerSegmentIds("cus_2")).toEqual([a.id])
      const matrix = await service.overlapMatrix({ segment_ids: [a.id, b.id] })
      const cell = (x: string, y: string) =>
        matrix.find((m) => m.segment_id === x && m.other_segment_id === y)?.count ?? 0
      expect([cell(a.id, a.id), cell(a.id, b.id), cell(b.id, a.id), cell(b.id, b.id)]).toEqual([2, 1, 1, 2])

      await service.closeMemberships(a.id)
      expect((await service.listCustomerSegments("cus_1")).map((s) => s.handle)).toEqual(["b"])
    })

    it("membership trends: entered and ended since a date, and the last end, per segment in one read", async () => {
      const [a, b, empty] = await service.createSegments([
        { name: "A", handle: "trend-a" },
        { name: "B", handle: "trend-b" },
        { name: "Empty", handle: "trend-empty" },
      ])
      const day = 86400000
      const now = Date.now()
      const at = (days: number) => new Date(now - days * day)
      await service.createSegmentMemberships([
        { segment_id: a.id, customer_id: "cus_1", entered_at: at(40) }, // before the window, still a member
        { segment_id: a.id, customer_id: "cus_2", entered_at: at(40), exited_at: at(35) }, // left before
        { segment_id: a.id, customer_id: "cus_3", entered_at: at(40), exited_at: at(10) }, // left within
        { segment_id: a.id, customer_id: "cus_4", entered_at: at(5) }, // entered within
        { segment_id: a.id, customer_id: "cus_5", entered_at: at(4), exited_at: at(2) }, // both within
        { segment_id: b.id, customer_id: "cus_1", entered_at: at(60), exited_at: at(50) },
      ])
      const trends = await service.membershipTrends([a.id, b.id, empty.id, a.id], at(30))
      const byId = Object.fromEntries(trends.map((t) => [t.segment_id, t]))
      expect(Object.keys(byId).sort()).toEqual([a.id, b.id].sort())
      expect(byId[a.id]).toEqual({ segment_id: a.id, entered: 2, exited: 2, last_exit_at: at(2) })
      expect(byId[b.id]).toEqual({ segment_id: b.id, entered: 0, exited: 0, last_exit_at: at(50) })
      expect(await service.membershipTrends([], at(30))).toEqual([])
    })
  },
})
