import { copyTextChunks, copyTextValue } from "./order-copy-writer"

describe("copyTextValue (PostgreSQL COPY text format)", () => {
  it.each([
    [null, "\\N"],
    [undefined, "\\N"],
    ["", ""],
    ["plain", "plain"],
    ["\\N", "\\\\N"], // a literal backslash-N string is not NULL
    ["tab\there", "tab\\there"],
    ["two\nlines\r", "two\\nlines\\r"],
    ["back\\slash", "back\\\\slash"],
    [true, "t"],
    [false, "f"],
    [0, "0"],
    [3.75, "3.75"],
    [-2, "-2"],
    [new Date("2010-12-01T08:26:00Z"), "2010-12-01T08:26:00.000Z"],
    [{ value: "3.75", precision: 20 }, '{"value":"3.75","precision":20}'],
    [{ title: 'SAY "HI"\tNOW\\' }, '{"title":"SAY \\\\"HI\\\\"\\\\tNOW\\\\\\\\"}'],
  ])("%j -> %j", (value, expected) => {
    expect(copyTextValue(value)).toBe(expected)
  })
})

describe("copyTextChunks", () => {
  it("writes one tab-separated line per row in the given column order, 500 rows per chunk", () => {
    const rows = Array.from({ length: 1001 }, (_, i) => ({ b: i, a: i % 2 === 0 ? null : `r${i}` }))
    const chunks = [...copyTextChunks(rows, ["a", "b"])]
    expect(chunks).toHaveLength(3)
    const lines = chunks.join("").split("\n")
    expect(lines).toHaveLength(1002) // trailing newline
    expect(lines.slice(0, 2)).toEqual(["\\N\t0", "r1\t1"])
    expect(lines[1000]).toBe("\\N\t1000")
  })
})
