#!/usr/bin/env node
// `npm run bench:import`: the order-lines importer, COPY writer against the previous (INSERT)
// writer, each into a fresh database cloned from one migrated template, in one run. Prints the
// phases (read, products, customers, orders; then ANALYZE, segment facts and co-purchase counts,
// timed separately), peak RSS, the previous/copy ratio per size and, with two or more sizes, the
// fitted exponent k of time ~ size^k per writer.
//   node scripts/bench-import.js [--file F.csv.gz] [--limit ROWS] [--sizes 50000,100000,200000]
//                                [--seed 42] [--writers copy,previous] [--keep]
// --file imports a given file (optionally its first ROWS rows); --sizes generates datasets with
// scripts/generate-dataset.js (customers = lines/10, products = lines/100, the same seed), kept
// in bench-data/. Default: --sizes 25000,50000,100000.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { resolvePostgres, ROOT } = require("./lib/postgres")
const { medusaRun } = require("./lib/medusa")
const { writeDataset } = require("./generate-dataset")
const { fitExponent } = require("./lib/cost-curve")

function parse(argv) {
  const opts = { file: null, limit: null, sizes: null, seed: 42, writers: "copy,previous", keep: false }
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i])
    if (!m || !(m[1] in opts)) throw new Error(`unknown argument ${argv[i]}`)
    if (m[1] === "keep") {
      opts.keep = true
      continue
    }
    opts[m[1]] = m[2] !== undefined ? m[2] : argv[++i]
  }
  const writers = opts.writers.split(",")
  for (const w of writers) {
    if (w !== "copy" && w !== "previous") throw new Error(`unknown writer ${w}`)
  }
  const sizes = opts.file ? [] : (opts.sizes ?? "25000,50000,100000").split(",").map(Number)
  return { ...opts, writers, sizes, limit: opts.limit ? Number(opts.limit) : null, seed: Number(opts.seed) }
}

const log = (msg) => process.stdout.write(`[bench:import] ${msg}\n`)
const seconds = (ms) => (ms / 1000).toFixed(1)

async function admin(server, sql) {
  const { Client } = require("pg")
  const client = new Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: "postgres",
  })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
const ident = (name) => `"${name.replace(/"/g, '""')}"`

async function datasets(opts) {
  if (opts.file) {
    return [{ file: path.resolve(opts.file), label: path.basename(opts.file), size: opts.limit }]
  }
  const out = []
  for (const lines of opts.sizes) {
    const spec = { lines, customers: Math.max(10, lines / 10), products: Math.max(10, lines / 100), seed: opts.seed }
    const file = path.join(
      ROOT,
      "bench-data",
      `orders-${spec.lines}-c${spec.customers}-p${spec.products}-s${spec.seed}.csv.gz`
    )
    if (!fs.existsSync(file)) {
      const tmp = `${file}.partial.gz`
      await writeDataset({ ...spec, months: 12, out: tmp })
      fs.renameSync(tmp, file)
      log(`generated ${lines} lines into ${path.relative(ROOT, file)}`)
    }
    out.push({ file, label: `generated ${lines}`, size: lines })
  }
  return out
}

async function main() {
  const opts = parse(process.argv.slice(2))
  const server = await resolvePostgres({ name: "bench-postgres", preferUrl: false })
  // Names carry the process id: two benches on one server (several clones) must not drop each other's.
  const template = `perf_import_${process.pid}_template`
  const results = []
  try {
    const sets = await datasets(opts)
    let t = Date.now()
    await admin(server, `drop database if exists ${ident(template)}`)
    await admin(server, `create database ${ident(template)}`)
    await medusaRun(["db:migrate"], {
      env: { DATABASE_URL: server.url(template), NODE_ENV: "development" },
      stdio: ["ignore", "ignore", "inherit"],
    })
    log(`migrated the template database in ${seconds(Date.now() - t)} s (load ${os.loadavg()[0].toFixed(1)})`)

    for (const set of sets) {
      for (const writer of opts.writers) {
        const db = `perf_import_${process.pid}_${writer}_${results.length}`
        await admin(server, `drop database if exists ${ident(db)}`)
        await admin(server, `create database ${ident(db)} template ${ident(template)}`)
        const summaryFile = path.join(os.tmpdir(), `bench-import-${process.pid}-${db}.json`)
        const args = [
          "exec",
          "./scripts/exec/import-orders.ts",
          set.file,
          `writer=${writer}`,
          `summary-json=${summaryFile}`,
        ]
        if (opts.limit) args.push(`limit=${opts.limit}`)
        const loadBefore = os.loadavg()[0]
        log(`${set.label}: ${writer} writer into ${db} (load ${loadBefore.toFixed(1)})...`)
        t = Date.now()
        await medusaRun(args, {
          env: { DATABASE_URL: server.url(db), NODE_ENV: "development" },
          stdio: ["ignore", "ignore", "inherit"],
        })
        const wallMs = Date.now() - t
        const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"))
        fs.rmSync(summaryFile, { force: true })
        results.push({ set, writer, summary, wallMs, load: [loadBefore, os.loadavg()[0]] })
        const s = summary
        log(
          `  ${s.linesImported} lines, import ${seconds(s.durationMs)} s (${Object.entries(s.phaseMs)
            .map(([k, ms]) => `${k} ${seconds(ms)}`)
            .join(", ")}; CPU ${Object.entries(s.phaseCpuMs ?? {})
            .map(([k, ms]) => `${k} ${seconds(ms)}`)
            .join(", ")}), then ${Object.entries(s.refreshMs)
            .map(([k, ms]) => `${k} ${seconds(ms)}`)
            .join(", ")} s; peak RSS ${s.peakRssMb} MB (after ${Object.entries(s.peakRssMbAfter ?? {})
            .map(([k, mb]) => `${k} ${mb}`)
            .join(", ")})`
        )
        if (!opts.keep) await admin(server, `drop database if exists ${ident(db)}`)
      }
    }
    if (!opts.keep) await admin(server, `drop database if exists ${ident(template)}`)
  } finally {
    await server.stop()
  }

  const rows = results.map(({ set, writer, summary: s, load }) => {
    const p = s.phaseMs
    const r = s.refreshMs
    return [
      set.label,
      s.linesImported,
      writer,
      seconds(s.durationMs),
      seconds(p.read),
      seconds(p.products),
      seconds(p.customers),
      seconds(p.orders),
      seconds(s.phaseCpuMs?.orders ?? 0),
      Math.round(s.linesImported / (s.durationMs / 1000)),
      s.peakRssMb,
      seconds(r.analyze ?? 0),
      seconds(r.segmentFacts ?? 0),
      seconds(r.coPurchase ?? 0),
      `${load[0].toFixed(1)}-${load[1].toFixed(1)}`,
    ]
  })
  const header = [
    "data",
    "lines",
    "writer",
    "import s",
    "read s",
    "products s",
    "customers s",
    "orders s",
    "orders CPU s",
    "lines/s",
    "peak RSS MB",
    "analyze s",
    "segment facts s",
    "co-purchase s",
    "load",
  ]
  process.stdout.write(`\n| ${header.join(" | ")} |\n|${header.map(() => " --- ").join("|")}|\n`)
  for (const row of rows) process.stdout.write(`| ${row.join(" | ")} |\n`)
  process.stdout.write("\n")
  for (const set of new Set(results.map((r) => r.set))) {
    const copy = results.find((r) => r.set === set && r.writer === "copy")
    const prev = results.find((r) => r.set === set && r.writer === "previous")
    if (copy && prev) {
      const ratio = (a, b) => (a / b).toFixed(2)
      process.stdout.write(
        `${set.label}: previous/copy = ${ratio(prev.summary.durationMs, copy.summary.durationMs)}x import, ` +
          `${ratio(prev.summary.phaseMs.orders, copy.summary.phaseMs.orders)}x orders phase\n`
      )
    }
  }
  for (const writer of opts.writers) {
    const points = results
      .filter((r) => r.writer === writer)
      .map((r) => ({ size: r.summary.linesImported, ms: r.summary.durationMs }))
    if (points.length >= 2) {
      process.stdout.write(
        `${writer}: import time ~ lines^${fitExponent(points).toFixed(2)} (${points.length} sizes)\n`
      )
    }
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:import] ${e.stack || e}\n`)
  process.exit(1)
})
