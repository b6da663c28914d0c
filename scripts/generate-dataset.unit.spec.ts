import fs from "fs"
import os from "os"
import path from "path"
import zlib from "zlib"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { generate, writeDataset, parseArgs, createRng, HEADER } = require("./generate-dataset")

async function render(opts: Record<string, number | string>): Promise<string[]> {
  const lines: string[] = []
  await generate(opts, (line: string) => {
    lines.push(line)
  })
  return lines
}

describe("generate-dataset", () => {
  const small = { lines: 3000, customers: 150, products: 60, seed: 7 }

  it("is deterministic: same seed, same bytes; another seed, other bytes", async () => {
    const a = await render(small)
    const b = await render(small)
    const c = await render({ ...small, seed: 8 })
    expect(a.join("\n")).toEqual(b.join("\n"))
    expect(c.join("\n")).not.toEqual(a.join("\n"))
  })

  it("writes identical .csv.gz files for the same options", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gen-"))
    const one = await writeDataset({ ...small, months: 12, out: path.join(dir, "a.csv.gz") })
    const two = await writeDataset({ ...small, months: 12, out: path.join(dir, "b.csv.gz") })
    expect(one.lines).toBe(3000)
    expect(fs.readFileSync(one.out).equals(fs.readFileSync(two.out))).toBe(true)
    const text = zlib.gunzipSync(fs.readFileSync(one.out)).toString("utf8")
    expect(text).toEqual((await render(small)).join("\n") + "\n")
  })

  it("with --end, the history ends before that date's first instant (a demo ending today has no future orders)", async () => {
    const rows = (await render({ ...small, end: "2026-12-01" })).slice(1)
    const dates = rows.map((r) => r.match(/("([^"]|"")*"|[^,]*)(,|$)/g)![4].replace(/,$/, "")).sort()
    expect(dates[dates.length - 1] < "2026-12-01T00:00:00").toBe(true)
    expect(dates[dates.length - 1] >= "2026-11-30T00:00:00").toBe(true)
  })

  it("has the requested shape and the deliberate gaps", async () => {
    const [header, ...rows] = await render({ lines: 20000, customers: 800, products: 200, seed: 1 })
    expect(header).toBe(HEADER)
    expect(rows).toHaveLength(20000)
    const fields = rows.map((r) => r.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((s) => s.replace(/,$/, "")))
    expect(fields.every((f) => f.length === 9 || f.length === 8)).toBe(true)
    const guest = fields.filter((f) => f[6] === "").length / rows.length
    expect(guest).toBeGreaterThan(0.17)
    expect(guest).toBeLessThan(0.23)
    const customers = new Set(fields.filter((f) => f[6]).map((f) => f[6]))
    expect(customers.size).toBe(800)
    const invoicesPerCustomer = new Map<string, Set<string>>()
    for (const f of fields) {
      if (!f[6]) continue
      const s = invoicesPerCustomer.get(f[6]) ?? new Set()
      s.add(f[0])
      invoicesPerCustomer.set(f[6], s)
    }
    const repeat = [...invoicesPerCustomer.values()].filter((s) => s.size >= 2).length
    expect(repeat / 800).toBeGreaterThan(0.4)
    expect(Math.max(...[...invoicesPerCustomer.values()].map((s) => s.size))).toBeGreaterThanOrEqual(10)
    expect(fields.some((f) => f[0].startsWith("C") && Number(f[3]) < 0)).toBe(true)
    expect(fields.some((f) => f[1] === "POST")).toBe(true)
    expect(fields.some((f) => f[2] === "")).toBe(true)
    expect(fields.some((f) => Number(f[5]) === 0)).toBe(true)
    expect(fields.every((f) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:00$/.test(f[4]))).toBe(true)
    const dates = fields.map((f) => f[4]).sort()
    expect(dates[0] >= "2010-12-01").toBe(true)
    expect(dates[dates.length - 1] < "2011-12-01").toBe(true)
  })

  it("parses options and rejects bad ones", () => {
    expect(parseArgs(["--lines", "10", "--seed=3", "--out", "x.csv"])).toEqual({
      lines: 10,
      customers: 3000,
      products: 500,
      seed: 3,
      months: 12,
      out: "x.csv",
    })
    expect(() => parseArgs(["--lines", "-1"])).toThrow("--lines must be a positive integer")
    expect(() => parseArgs(["--color", "red"])).toThrow("unknown option --color")
  })

  it("the PRNG repeats for a seed", () => {
    const a = createRng(5)
    const b = createRng(5)
    const xs = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
  })
})
