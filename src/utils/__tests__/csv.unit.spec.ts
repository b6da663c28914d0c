import { csvCell, csvRow } from "../csv"

describe("csvCell", () => {
  it.each<[string, Parameters<typeof csvCell>[0], string]>([
    ["plain text", "alice@example.com", "alice@example.com"],
    ["empty string", "", ""],
    ["null", null, ""],
    ["undefined", undefined, ""],
    ["comma", "Smith, Jr.", '"Smith, Jr."'],
    ["quote", 'The "Boss"', '"The ""Boss"""'],
    ["newline", "two\nlines", '"two\nlines"'],
    ["carriage return inside", "a\r\nb", '"a\r\nb"'],
    ["formula =", '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["formula +", "+1", "'+1"],
    ["formula -", "-2+3", "'-2+3"],
    ["formula @", "@SUM(A1)", "'@SUM(A1)"],
    ["leading tab", "\t=1", "'\t=1"],
    ["leading carriage return", "\r=1", '"\'\r=1"'],
    ["= later in the text is fine", "a=b", "a=b"],
    ["negative number stays a number", -3, "-3"],
    ["decimal", 180.5, "180.5"],
    ["zero", 0, "0"],
    ["NaN", Number.NaN, ""],
    ["Infinity", Number.POSITIVE_INFINITY, ""],
    ["true", true, "true"],
    ["false", false, "false"],
    ["date", new Date("2026-01-02T03:04:05.000Z"), "2026-01-02T03:04:05.000Z"],
    ["unicode", "Zoë Ångström", "Zoë Ångström"],
  ])("%s", (_, input, expected) => {
    expect(csvCell(input)).toBe(expected)
  })
})

describe("csvRow", () => {
  it("joins cells with commas and ends with CRLF", () => {
    expect(csvRow(["a", 1, null, "b,c", "=x"])).toBe('a,1,,"b,c",\'=x\r\n')
  })

  it("round-trips through a minimal RFC 4180 parser", () => {
    const values = ['a"b', "c,d", "e\nf", "", "plain"]
    const line = csvRow(values)
    const parsed: string[] = []
    let cell = ""
    let quoted = false
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"'
          i++
        } else if (ch === '"') {
          quoted = false
        } else {
          cell += ch
        }
      } else if (ch === '"') {
        quoted = true
      } else if (ch === ",") {
        parsed.push(cell)
        cell = ""
      } else if (ch === "\r" && line[i + 1] === "\n") {
        parsed.push(cell)
        break
      } else {
        cell += ch
      }
    }
    expect(parsed).toEqual(values)
  })
})
