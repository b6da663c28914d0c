import { createProgressReporter, formatDuration, formatProgress } from "./progress"

describe("formatDuration", () => {
  it.each([
    [0, "0:00"],
    [59.4, "0:59"],
    [61, "1:01"],
    [3600 + 62, "1:01:02"],
    [NaN, "?"],
    [Infinity, "?"],
    [-1, "?"],
  ])("%p s -> %p", (s, expected) => {
    expect(formatDuration(s)).toBe(expected)
  })
})

describe("formatProgress", () => {
  it.each([
    // phase, done, total, elapsed ms, width -> line
    [
      { phase: "orders", done: 2500, total: 10000 },
      5000,
      8,
      "orders    [##------]  25.0%  2,500/10,000  500/s  ETA 0:15",
    ],
    [{ phase: "orders", done: 0, total: 10000 }, 0, 4, "orders    [----]   0.0%  0/10,000  0/s  ETA ?"],
    [{ phase: "products", done: 10, total: 10 }, 2000, 4, "products  [####] 100.0%  10/10  5/s  ETA 0:00"],
    [
      { phase: "read", done: 1048576, total: 2097152, unit: "B" },
      1000,
      0,
      "read       50.0%  1,048,576/2,097,152 B  1,048,576 B/s  ETA 0:01",
    ],
    // more done than planned stays at 100%
    [{ phase: "x", done: 12, total: 10 }, 1000, 2, "x         [##] 100.0%  12/10  12/s  ETA ?"],
  ])("%j after %p ms (width %p)", (p, elapsed, width, expected) => {
    expect(formatProgress(p, elapsed, width)).toBe(expected)
  })
})

describe("createProgressReporter", () => {
  const run = (isTTY: boolean) => {
    let t = 0
    const written: string[] = []
    const logged: string[] = []
    const reporter = createProgressReporter(
      { isTTY, columns: 74, write: (s: string) => written.push(s) },
      (line) => logged.push(line),
      { plainEveryMs: 10000, now: () => t }
    )
    for (const [at, done] of [
      [0, 0],
      [50, 10], // within 100 ms of the last draw: skipped on a TTY
      [5000, 50], // within 10 s of the last plain line: skipped otherwise
      [12000, 80],
      [13000, 100], // complete: always shown
    ]) {
      t = at
      reporter.update({ phase: "orders", done, total: 100 })
    }
    t = 14000
    reporter.update({ phase: "lines", done: 1, total: 2 })
    reporter.done()
    return { written, logged }
  }

  it("redraws one line in place on a TTY, then starts a new line per phase", () => {
    const { written, logged } = run(true)
    expect(logged).toEqual([])
    expect(written.filter((s) => s.startsWith("\r")).map((s) => s.split("%")[0].trim())).toEqual([
      "orders    [----]   0.0",
      "orders    [##--]  50.0",
      "orders    [###-]  80.0",
      "orders    [####] 100.0",
      "lines     [##--]  50.0",
    ])
    expect(written.filter((s) => s === "\n")).toHaveLength(2)
  })

  it("logs plain lines without a bar when not a TTY", () => {
    const { written, logged } = run(false)
    expect(written).toEqual([])
    expect(logged.map((l) => l.split("%")[0])).toEqual([
      "orders      0.0",
      "orders     80.0",
      "orders    100.0",
      "lines      50.0",
    ])
  })
})
