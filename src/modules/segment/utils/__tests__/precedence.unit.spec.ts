import { byPrecedence, evaluationChain, higherExclusive } from "../precedence"

const seg = (id: string, priority: number, created: string, extra: { exclusive?: boolean; status?: string } = {}) => ({
  id,
  priority,
  created_at: new Date(created),
  exclusive: extra.exclusive ?? true,
  status: extra.status ?? "active",
})

const high = seg("seg_high", 10, "2026-01-03")
const oldMid = seg("seg_old", 5, "2026-01-01")
const newMid = seg("seg_new", 5, "2026-01-02")
const low = seg("seg_low", 1, "2026-01-01")
const all = [low, newMid, high, oldMid]

describe("byPrecedence", () => {
  it.each([
    ["higher priority first", high, low, -1],
    ["same priority: older first", oldMid, newMid, -1],
    ["same priority and age: by id", seg("seg_a", 1, "2026-01-01"), seg("seg_b", 1, "2026-01-01"), -1],
  ])("%s", (_, a, b, sign) => {
    expect(Math.sign(byPrecedence(a, b))).toBe(sign)
    expect(Math.sign(byPrecedence(b, a))).toBe(-sign)
  })
})

describe("higherExclusive", () => {
  it.each([
    ["the top segment has none above it", high, []],
    ["a listed segment: those before it", newMid, ["seg_high", "seg_old"]],
    [
      "an unlisted segment ranks by its priority and age",
      seg("seg_draft", 5, "2026-01-05"),
      ["seg_high", "seg_old", "seg_new"],
    ],
  ])("%s", (_, s, expected) => {
    expect(higherExclusive(s, all).map((x) => x.id)).toEqual(expected)
  })
})

describe("evaluationChain", () => {
  it.each([
    ["an active exclusive segment and those below it", oldMid, ["seg_old", "seg_new", "seg_low"]],
    ["a non-exclusive segment alone", seg("seg_x", 9, "2026-01-01", { exclusive: false }), ["seg_x"]],
    ["a draft exclusive segment alone", seg("seg_d", 9, "2026-01-01", { status: "draft" }), ["seg_d"]],
    ["an active exclusive segment missing from the list alone", seg("seg_m", 9, "2026-01-01"), ["seg_m"]],
  ])("%s", (_, s, expected) => {
    expect(evaluationChain(s, all).map((x) => x.id)).toEqual(expected)
  })
})
