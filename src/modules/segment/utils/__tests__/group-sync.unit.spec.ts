import {
  batches,
  changedMembers,
  groupOwnership,
  groupSyncDiff,
  groupSyncPlacement,
  INLINE_SYNC_LIMIT,
  managedGroupName,
  markedMetadata,
} from "../group-sync"
import { MEMBERSHIP_EVENT_BATCH, membershipEvents, SegmentEvents } from "../../events"
import { MANAGED_GROUP_METADATA_KEY } from "../../../../types/segment-group-sync"

describe("groupSyncDiff", () => {
  it.each([
    ["an empty group gets every member", ["b", "a"], [], { add: ["a", "b"], remove: [] }],
    ["a group equal to the members changes nothing", ["a", "b"], ["b", "a"], { add: [], remove: [] }],
    ["non-members leave, members missing join", ["a", "c"], ["a", "b"], { add: ["c"], remove: ["b"] }],
    ["no members empties the group", [], ["a", "b"], { add: [], remove: ["a", "b"] }],
    ["a member linked twice stays (and is not added again)", ["a"], ["a", "a"], { add: [], remove: [] }],
    ["a non-member linked twice is removed once", [], ["x", "x"], { add: [], remove: ["x"] }],
    ["duplicate members are added once", ["a", "a"], [], { add: ["a"], remove: [] }],
  ])("%s", (_, members, group, expected) => {
    expect(groupSyncDiff(members, group)).toEqual(expected)
  })
})

describe("groupOwnership", () => {
  const mark = (v: unknown) => ({ [MANAGED_GROUP_METADATA_KEY]: v, other: 1 })
  it.each([
    ["marked for this segment", mark("seg_1"), "ours"],
    ["marked for another segment", mark("seg_2"), "other"],
    ["a mark that is not a segment id", mark(7), "other"],
    ["mark removed (empty string)", mark(""), "unmarked"],
    ["mark null", mark(null), "unmarked"],
    ["no metadata", null, "unmarked"],
    ["metadata without the key", { note: "x" }, "unmarked"],
  ])("%s", (_, metadata, expected) => {
    expect(groupOwnership(metadata as Record<string, unknown> | null, "seg_1")).toBe(expected)
  })

  it("markedMetadata keeps the merchant's keys and sets the mark", () => {
    expect(markedMetadata({ note: "x", [MANAGED_GROUP_METADATA_KEY]: "seg_old" }, "seg_1")).toEqual({
      note: "x",
      [MANAGED_GROUP_METADATA_KEY]: "seg_1",
    })
    expect(groupOwnership(markedMetadata(null, "seg_1"), "seg_1")).toBe("ours")
  })
})

describe("groupSyncPlacement", () => {
  const L = INLINE_SYNC_LIMIT
  it.each([
    ["first fill of a small segment: inline", { status: "pending", members: L, groupMembers: null }, "inline"],
    [
      "first fill of a large segment: background",
      { status: "pending", members: L + 1, groupMembers: null },
      "background",
    ],
    [
      "emptying a large group (segment now small), not synced: background",
      { status: "pending", members: 0, groupMembers: L + 1 },
      "background",
    ],
    ["resuming a fill cut short: background", { status: "filling", members: L + 1, groupMembers: 10 }, "background"],
    [
      "a large group in error: background (a retry may write it all)",
      { status: "error", members: L + 1, groupMembers: null },
      "background",
    ],
    [
      "resync of a large synced group: background",
      { status: "synced", members: L + 1, groupMembers: L + 1, full: true },
      "background",
    ],
    ["resync of a small synced group: inline", { status: "synced", members: L, groupMembers: L, full: true }, "inline"],
    [
      "evaluation of a large synced group changing a few: inline",
      { status: "synced", members: 100000, groupMembers: 100000, changed: 3 },
      "inline",
    ],
    [
      "evaluation changing exactly the limit: inline",
      { status: "synced", members: 100000, groupMembers: 100000, changed: L },
      "inline",
    ],
    [
      "evaluation changing more than the limit: background",
      { status: "synced", members: 0, groupMembers: 100000, changed: L + 1 },
      "background",
    ],
    ["an explicit limit", { status: "pending", members: 3, groupMembers: null, limit: 2 }, "background"],
  ])("%s", (_, input, expected) => {
    expect(groupSyncPlacement(input)).toBe(expected)
  })
})

describe("changedMembers", () => {
  it.each([
    ["nobody moved", ["a", "b"], ["b", "a"], []],
    ["one entered, one left", ["a", "b"], ["b", "c"], ["a", "c"]],
    ["everyone left", ["b", "a"], [], ["a", "b"]],
    ["duplicates count once", ["a", "a"], ["b", "b"], ["a", "b"]],
  ])("%s", (_, before, after, expected) => {
    expect(changedMembers(before, after)).toEqual(expected)
  })
})

describe("managedGroupName", () => {
  const seg = { name: "VIP", handle: "vip" }
  it.each([
    ["the segment's name when free", [], "VIP"],
    ["with the handle when the name is taken", ["VIP"], "VIP (segment vip)"],
    ["names compare case-insensitively", ["vip"], "VIP (segment vip)"],
    ["then numbered", ["VIP", "VIP (segment vip)"], "VIP (segment vip) 2"],
    ["numbered on", ["VIP", "VIP (segment vip)", "VIP (segment vip) 2"], "VIP (segment vip) 3"],
  ])("%s", (_, taken, expected) => {
    expect(managedGroupName(seg, taken)).toBe(expected)
  })

  it("a blank name falls back to the handle", () => {
    expect(managedGroupName({ name: "  ", handle: "vip" }, [])).toBe("vip")
  })
})

describe("batches", () => {
  it.each([
    [[], 2, []],
    [[1], 2, [[1]]],
    [[1, 2], 2, [[1, 2]]],
    [[1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]],
  ])("%j in batches of %d", (items, size, expected) => {
    expect(batches(items, size)).toEqual(expected)
  })

  it("refuses a size below 1", () => {
    expect(() => batches([1], 0)).toThrow(/at least 1/)
  })
})

describe("membershipEvents", () => {
  const at = new Date("2026-11-30T12:00:00Z")
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `cus_${String(i).padStart(6, "0")}`)

  it.each([
    ["no change, no event", 0, 0, []],
    ["entered only", 2, 0, [[SegmentEvents.CUSTOMERS_ENTERED, 2, 1, 1]]],
    ["exited only", 0, 3, [[SegmentEvents.CUSTOMERS_EXITED, 3, 1, 1]]],
    [
      "both: entered first",
      1,
      1,
      [
        [SegmentEvents.CUSTOMERS_ENTERED, 1, 1, 1],
        [SegmentEvents.CUSTOMERS_EXITED, 1, 1, 1],
      ],
    ],
    [
      "a batch and one more",
      MEMBERSHIP_EVENT_BATCH + 1,
      0,
      [
        [SegmentEvents.CUSTOMERS_ENTERED, MEMBERSHIP_EVENT_BATCH, 1, 2],
        [SegmentEvents.CUSTOMERS_ENTERED, 1, 2, 2],
      ],
    ],
  ])("%s", (_, entered, exited, expected) => {
    const events = membershipEvents({
      segment_id: "seg_1",
      version: 3,
      evaluated_at: at,
      entered_ids: ids(entered),
      exited_ids: ids(exited),
    })
    expect(events.map((e) => [e.name, e.data.customer_ids.length, e.data.batch, e.data.batches])).toEqual(expected)
    for (const e of events) {
      expect(e.data).toMatchObject({ segment_id: "seg_1", version: 3, evaluated_at: "2026-11-30T12:00:00.000Z" })
    }
    // every id in exactly one event
    const all = events.flatMap((e) => e.data.customer_ids)
    expect(all.length).toBe(entered + exited)
  })
})
