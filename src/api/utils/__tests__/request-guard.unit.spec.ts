import fc from "fast-check"
import { findInputProblem, findPathProblem, MAX_JSON_DEPTH, unstorable } from "../request-guard"

describe("unstorable", () => {
  it.each([
    ["plain", null],
    ["😀 emoji (a surrogate pair)", null],
    ["é", null],
    ["a\u0000b", "contains a NUL character (\\u0000), which cannot be stored"],
    ["\ud800", "contains a lone UTF-16 surrogate (invalid Unicode), which cannot be stored"],
    ["x\udc00", "contains a lone UTF-16 surrogate (invalid Unicode), which cannot be stored"],
    ["\ud83d\ud83d\ude00", "contains a lone UTF-16 surrogate (invalid Unicode), which cannot be stored"],
  ])("%j -> %s", (s, expected) => {
    expect(unstorable(s)).toBe(expected)
  })

  it("accepts exactly the strings that survive a UTF-8 round trip without NUL", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const roundTrips = Buffer.from(s, "utf8").toString("utf8") === s
        expect(unstorable(s) === null).toBe(roundTrips && !s.includes("\u0000"))
      })
    )
  })
})

describe("findInputProblem", () => {
  it.each([
    [{ a: "ok", b: [1, { c: true }] }, null],
    [{ rules: { conditions: [{ value: "a\u0000" }] } }, "body.rules.conditions[0].value"],
    [{ metadata: JSON.parse('{"__proto__": {"x": 1}}') }, "body.metadata.__proto__"],
    [{ metadata: { constructor: 1 } }, "body.metadata.constructor"],
    [{ "we ird": "\ud800" }, 'body["we ird"]'],
  ])("%j -> %s", (input, path) => {
    expect(findInputProblem(input, "body")?.path ?? null).toBe(path)
  })

  it(`refuses nesting past ${MAX_JSON_DEPTH} levels without recursion (100,000 levels)`, () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(findInputProblem(deep, "body")?.message).toBe(`is nested deeper than ${MAX_JSON_DEPTH} levels`)
    let ok: unknown = 1
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok }
    expect(findInputProblem(ok, "body")).toBeNull()
  })

  it("never throws on any JSON value, and passes every JSON value made of storable strings", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const problem = findInputProblem(v, "body")
        const text = JSON.stringify(v)
        const storable =
          !/\\u0000/.test(text) && unstorable(text) === null && !/"(__proto__|constructor|prototype)":/.test(text)
        expect(problem === null).toBe(storable)
      })
    )
  })
})

describe("findPathProblem", () => {
  it.each([
    ["/admin/segments/seg_01", null],
    ["/admin/segments/caf%C3%A9", null],
    ["/admin/segments/a%00b", 'segment "a%00b" contains a NUL character (\\u0000), which cannot be stored'],
    ["/admin/segments/%ED%A0%80", 'segment "%ED%A0%80" is not valid percent-encoded UTF-8'],
    ["/admin/x/%E0%A4%A", 'segment "%E0%A4%A" is not valid percent-encoded UTF-8'],
  ])("%s -> %s", (path, message) => {
    expect(findPathProblem(path)?.message ?? null).toBe(message)
  })
})
