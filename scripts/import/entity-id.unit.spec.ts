import { decodeTime } from "ulid"
import { createEntityIdGenerator } from "./entity-id"

describe("createEntityIdGenerator", () => {
  it("makes <prefix>_<ULID> ids whose time part decodes to the clock, all distinct", () => {
    const at = Date.UTC(2026, 11, 1, 3, 45)
    const next = createEntityIdGenerator(() => at)
    const ids = Array.from({ length: 20000 }, () => next("ordli")) // crosses a pool refill
    for (const id of ids.slice(0, 50)) {
      expect(id).toMatch(/^ordli_[0-9A-HJKMNP-TV-Z]{26}$/)
      expect(decodeTime(id.slice("ordli_".length))).toBe(at)
    }
    expect(new Set(ids).size).toBe(ids.length)
  })

  it.each([
    [0, "0000000000"],
    [1, "0000000001"],
    [32, "0000000010"],
    [Date.UTC(2026, 0, 1), null],
  ])("encodes time %p as the ulid package does", (t, expected) => {
    const id = createEntityIdGenerator(() => t)("x").slice(2)
    expect(decodeTime(id)).toBe(t)
    if (expected) {
      expect(id.slice(0, 10)).toBe(expected)
    }
  })
})
